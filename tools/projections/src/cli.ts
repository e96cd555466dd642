/**
 * `npm run projections -- rebuild|verify <view>` and `status`: starts a rebuild or verification in the running
 * projection-service and follows it to the end with a progress bar. Run with --help for the options.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SingleBar, Presets } from 'cli-progress';
import { CliError, formatError } from '@edr/cli';
import { type Command, USAGE, UsageError, parseCommand } from './args.js';
import { type Job, formatReport, succeeded } from './format.js';

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new CliError(
      `cannot reach projection-service at ${new URL(url).origin} (${(error as Error).message})`,
      {
        hint: 'start it (npm run demo, or docker compose up) or pass --url',
      },
    );
  }
  const body = (await response.json().catch(() => ({}))) as T & { message?: string };
  if (!response.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url} → ${response.status}: ${body.message ?? ''}`);
  return body;
}

async function follow(command: Extract<Command, { view: string }>): Promise<number> {
  let job = await request<Job>(`${command.url}/admin/views/${command.view}/${command.command}`, {
    method: 'POST',
  });
  const bar = process.stdout.isTTY
    ? new SingleBar(
        {
          format: `${command.command} ${command.view} [{bar}] {value}/{total} records · {phase}`,
          hideCursor: true,
        },
        Presets.shades_classic,
      )
    : null;
  bar?.start(1, 0, { phase: job.progress.phase });
  let lastPhase = '';
  while (job.finishedAt === null) {
    await sleep(250);
    job = await request<Job>(`${command.url}/admin/views/jobs/${job.id}`);
    const { phase, replayed, target } = job.progress;
    if (bar) {
      bar.setTotal(Math.max(target, 1));
      bar.update(replayed, { phase });
    } else if (phase !== lastPhase) {
      console.log(`${phase}… ${replayed}/${target} records`);
    }
    lastPhase = phase;
  }
  bar?.stop();
  if (command.json) console.log(JSON.stringify(job, null, 2));
  else for (const line of formatReport(job)) console.log(line);
  return succeeded(job) ? 0 : 1;
}

async function status(command: Extract<Command, { command: 'status' }>): Promise<number> {
  const health = await request<{ details?: { views?: Record<string, unknown> } }>(`${command.url}/health`);
  const jobs = await request<Job[]>(`${command.url}/admin/views/jobs`);
  if (command.json) {
    console.log(JSON.stringify({ views: health.details?.views, jobs }, null, 2));
    return 0;
  }
  for (const [view, lag] of Object.entries(health.details?.views ?? {})) {
    if (view === 'status') continue;
    const { records, seconds } = lag as { records: number; seconds: number };
    console.log(`${view.padEnd(10)} behind by ${records} records, ${seconds} s`);
  }
  for (const job of jobs) {
    console.log(
      `job ${job.id}: ${job.mode} ${job.view}, ${job.finishedAt ? (succeeded(job) ? 'succeeded' : 'failed') : job.progress.phase}`,
    );
  }
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv, process.env);
  if (command.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  return command.command === 'status' ? status(command) : follow(command);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(formatError(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
