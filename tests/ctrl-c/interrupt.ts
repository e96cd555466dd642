import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, processTree } from '../../tools/infra/src/processes.js';
import { repoRoot } from '@edr/testing';

/**
 * Infrastructure ports and state of its own, so a tool under test starts (and must stop) all of it even where the
 * other integration tests' infrastructure runs on the default ports.
 */
export const ownInfra = {
  postgres: 15432,
  kafka: 19092,
  kafkaController: 19093,
  connect: 18083,
  dir: join(repoRoot, '.infra', 'ctrl-c'),
} as const;

export function ownInfraEnv(): Record<string, string> {
  mkdirSync(ownInfra.dir, { recursive: true });
  // The jars are the shared cache's (no network in CI sandboxes); data, config, logs and state are this dir's own.
  const cache = join(ownInfra.dir, 'cache');
  if (!existsSync(cache)) symlinkSync(join(repoRoot, '.infra', 'cache'), cache);
  return {
    EDR_PG_PORT: String(ownInfra.postgres),
    EDR_KAFKA_PORT: String(ownInfra.kafka),
    EDR_KAFKA_CONTROLLER_PORT: String(ownInfra.kafkaController),
    EDR_CONNECT_PORT: String(ownInfra.connect),
    EDR_INFRA_DIR: ownInfra.dir,
  };
}

/** Stops what an earlier, failed run left of the own infrastructure, so the tool under test starts all of it. */
export function stopOwnInfra(): void {
  const down = spawnSync(
    'env',
    [
      ...assignments(ownInfraEnv()),
      'node',
      '--conditions=development',
      '--import',
      'tsx',
      'tools/infra/src/cli.ts',
      'down',
    ],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  if (down.status !== 0) throw new Error(`infra:down of the own infrastructure failed:\n${down.stderr}`);
}

export interface Interrupted {
  /** Exit code of the tool (128 + n if a signal ended it). */
  readonly code: number;
  readonly output: string;
  /** Of `ports`, those on which something still accepts connections after the tool exited. */
  readonly listening: readonly number[];
  /** Processes of the tool's tree (sampled just before the signals) still alive after it exited. */
  readonly alive: readonly { pid: number }[];
}

export interface InterruptSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The signals go out once the output matches this. */
  readonly readyWhen: RegExp;
  readonly readyTimeoutMs: number;
  /** Ports that the tool's processes listen on and that must be closed once it exited. */
  readonly ports: readonly number[];
  readonly exitTimeoutMs: number;
}

/**
 * Starts `command` in a process group of its own (as a terminal does for a foreground job), waits until it is
 * ready, then sends SIGINT to the whole group twice, 0.3 s apart (an impatient Ctrl-C, Ctrl-C), and reports what is
 * left once the tool exited. Kills whatever it finds left, so a failing run leaves nothing behind.
 */
export async function interruptTwice(spec: InterruptSpec): Promise<Interrupted> {
  // `env NAME=value … command`: the test's own environment passes through unread.
  const child = spawn('env', [...assignments(spec.env), spec.command, ...spec.args], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1))),
  );
  const pgid = child.pid as number;
  const seen = new Set<number>();
  try {
    await until(
      () => spec.readyWhen.test(output),
      spec.readyTimeoutMs,
      child,
      () => output,
    );
    // The infrastructure runs detached (own session): it is in the tool's tree, not in its process group.
    for (const pid of processTree(pgid)) seen.add(pid);
    process.kill(-pgid, 'SIGINT');
    await sleep(300);
    process.kill(-pgid, 'SIGINT');
    const timer = new AbortController();
    const code = await Promise.race([
      exited,
      sleep(spec.exitTimeoutMs, undefined, { signal: timer.signal }).then(() => {
        throw new Error(`still running ${spec.exitTimeoutMs} ms after the signals; output:\n${output}`);
      }),
    ]).finally(() => timer.abort());
    // A moment for a process the tool signalled but did not wait for to go.
    await sleep(1_000);
    const listening = (await Promise.all(spec.ports.map(async (p) => ((await accepts(p)) ? p : 0)))).filter(
      Boolean,
    );
    const alive = [...seen].filter((pid) => pid !== pgid && isAlive(pid)).map((pid) => ({ pid }));
    if (listening.length > 0 || alive.length > 0) console.log(`left running; the tool's output:\n${output}`);
    return { code, output, listening, alive };
  } finally {
    for (const pid of [...seen, ...processTree(pgid)]) {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (isAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  }
}

const assignments = (env: Readonly<Record<string, string>>) =>
  Object.entries(env).map(([name, value]) => `${name}=${value}`);

async function until(
  condition: () => boolean,
  timeoutMs: number,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ready:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms:\n${output()}`);
    await sleep(200);
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
