/**
 * `npm run bench:registrations`: how long a customer registration takes from POST /customers to ACTIVE, on the whole
 * stack as a user runs it, one run. Two phases of `--count` registrations each (default 200): one at a time, then
 * open loop at `--rate` per second (default 10). Latency is the aggregator's `activatedAt` minus the moment the bench
 * sent the POST (one machine, one clock), and also until the bench read CustomerCreated from Kafka. Writes
 * bench/results/registrations-<UTC time>.{json,md}; asserts nothing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runUntilStopped, type Shutdown } from '@edr/infra';
import { repoRoot } from '@edr/testing';
import { sleep, wallMs } from '../clock.js';
import { benchKafka } from '../kafka/bench-kafka.js';
import { resultStem } from '../report/write-results.js';
import { serviceOf, startStack } from '../stack/start-stack.js';
import { type Summary, summarize } from '../stats.js';
import { registrationBody } from './registration-body.js';
import { type RegistrationEnd, watchRegistrations } from './registration-watch.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    rate: { type: 'string', default: '10' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const count = Number(values.count);
const rate = Number(values.rate);
if (!Number.isInteger(count) || count < 1)
  throw new Error(`--count must be a positive integer, got "${values.count}"`);
if (!(rate > 0)) throw new Error(`--rate must be a positive number, got "${values.rate}"`);

/** One registration: when its POST went out and how it ended; null when it was refused or never ended. */
type Outcome = { readonly sentAt: number; readonly end: RegistrationEnd } | null;

interface PhaseResult {
  readonly phase: string;
  readonly registrations: number;
  readonly active: number;
  readonly failed: number;
  readonly errors: number;
  readonly postToActiveMs: Summary | null;
  readonly postToEventMs: Summary | null;
  readonly seconds: number;
}

async function run(shutdown: Shutdown): Promise<number> {
  const log = (line: string) => console.log(line);
  const stack = await startStack(shutdown, log);
  const customerUrl = serviceOf(stack, 'customer').url;
  const kafka = benchKafka(stack.endpoints.kafkaBrokers);
  const watch = await watchRegistrations(kafka);
  const runId = Date.now().toString(36);
  let index = 0;

  const register = async (): Promise<Outcome> => {
    const body = registrationBody(runId, (index += 1));
    const sentAt = wallMs();
    const response = await fetch(`${customerUrl}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as { customerId?: string };
    if (response.status !== 202 || !answer.customerId) return null;
    const end = await Promise.race([watch.ended(answer.customerId), sleep(60_000).then(() => null)]);
    return end ? { sentAt, end } : null;
  };

  const phase = (name: string, outcomes: readonly Outcome[], startedAt: number): PhaseResult => {
    const done = outcomes.filter((o): o is NonNullable<Outcome> => o !== null);
    const active = done.filter((o) => o.end.type === 'CustomerCreated');
    return {
      phase: name,
      registrations: outcomes.length,
      active: active.length,
      failed: done.length - active.length,
      errors: outcomes.length - done.length,
      postToActiveMs: summarize(active.map((o) => o.end.decidedAt - o.sentAt)),
      postToEventMs: summarize(active.map((o) => o.end.receivedAt - o.sentAt)),
      seconds: (wallMs() - startedAt) / 1000,
    };
  };

  // A few registrations first, so that connections, JIT and consumer groups are warm before anything is measured.
  log('▸ warm-up (10 registrations)');
  for (let i = 0; i < 10; i += 1) await register();

  log(`▸ sequential: ${count} registrations, one at a time`);
  const sequentialStart = wallMs();
  const sequential: Outcome[] = [];
  for (let i = 0; i < count && !shutdown.signal.aborted; i += 1) sequential.push(await register());
  const results = [phase('sequential', sequential, sequentialStart)];

  log(`▸ open loop: ${count} registrations at ${rate}/s`);
  const openStart = wallMs();
  const pending: Promise<Outcome>[] = [];
  for (let i = 0; i < count && !shutdown.signal.aborted; i += 1) {
    const wait = openStart + (i * 1000) / rate - wallMs();
    if (wait > 1) await sleep(wait, shutdown.signal);
    pending.push(register());
  }
  results.push(phase(`open loop ${rate}/s`, await Promise.all(pending), openStart));
  await watch.stop();

  const startedAt = new Date(sequentialStart).toISOString();
  const table = [
    '| phase | registrations | ACTIVE | FAILED | errors | POST→ACTIVE p50/p95/p99/max ms | POST→CustomerCreated read p50/p99 ms | seconds |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map((r) => {
      const a = r.postToActiveMs;
      const e = r.postToEventMs;
      const f = (v: number | undefined) => (v === undefined ? '–' : Math.round(v).toString());
      return `| ${r.phase} | ${r.registrations} | ${r.active} | ${r.failed} | ${r.errors} | ${f(a?.median)}/${f(a?.p95)}/${f(a?.p99)}/${f(a?.max)} | ${f(e?.median)}/${f(e?.p99)} | ${r.seconds.toFixed(1)} |`;
    }),
  ].join('\n');
  const markdown = `# Registration latency, ${startedAt}\n\nOne run of \`npm run bench:registrations -- --count ${count} --rate ${rate}\` (after 10 warm-up registrations).\n\n${table}\n`;
  const out = resolve(repoRoot, values.out);
  await mkdir(out, { recursive: true });
  const stem = `registrations-${resultStem(startedAt)}`;
  await writeFile(
    join(out, `${stem}.json`),
    `${JSON.stringify({ startedAt, count, rate, results }, null, 2)}\n`,
  );
  await writeFile(join(out, `${stem}.md`), markdown);
  log(`\n${table}\n\nwrote ${join(values.out, stem)}.{json,md}`);
  return results.every((r) => r.errors === 0 && r.failed === 0) ? 0 : 1;
}

runUntilStopped({ what: 'the registration bench' }, (shutdown) => run(shutdown));
