import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from './errors.js';

export interface DetachedSpec {
  readonly command: string;
  readonly args: readonly string[];
  /** Truncated at each start: the log shows the current run only. */
  readonly logFile: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Starts a process in its own session with output to a log file, so it outlives the `infra:up` node process and
 * ignores the Ctrl-C of the terminal that started it. Returns its pid.
 */
export async function spawnDetached(spec: DetachedSpec): Promise<number> {
  const log = openSync(spec.logFile, 'w');
  try {
    const child = spawn(spec.command, spec.args, {
      detached: true,
      stdio: ['ignore', log, log],
      env: spec.env,
      cwd: spec.cwd,
      uid: spec.uid,
      gid: spec.gid,
    });
    // ENOENT (no java on PATH, …) arrives as an 'error' event with no pid.
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve(child.pid as number));
    });
    child.unref();
    return pid;
  } finally {
    closeSync(log);
  }
}

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Field 3 of /proc/<pid>/stat is the state; 'Z' = exited, waiting to be reaped by its parent.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no procfs (macOS): kill(0) is all we have
  }
}

/** The command line of a process ('' if it does not exist). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  }
}

/**
 * Sends `signal`, waits up to `graceMs` for the exit, then SIGKILLs. Returns how the process ended.
 */
export async function stopProcess(
  pid: number,
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<'stopped' | 'killed' | 'not running'> {
  if (!isAlive(pid)) return 'not running';
  try {
    process.kill(pid, signal);
  } catch {
    return 'not running';
  }
  if (await waitForExit(pid, graceMs)) return 'stopped';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'stopped';
  }
  if (await waitForExit(pid, 5_000)) return 'killed';
  throw new InfraError(`pid ${pid} survived SIGKILL`, {
    hint: `Check it with: ps -o pid,stat,cmd -p ${pid}`,
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/** Pids of a process and all its descendants (procfs only; just the pid elsewhere). */
export function processTree(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [root];
  }
  const children = new Map<number, number[]>();
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited while we looked
    }
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * Memory of a process tree in bytes. Uses PSS (proportional set size) where available so Postgres' shared buffers,
 * mapped by every backend, are counted once; falls back to RSS. undefined without procfs.
 */
export function memoryBytes(root: number): number | undefined {
  let total = 0;
  let seen = false;
  for (const pid of processTree(root)) {
    const kb = readKb(`/proc/${pid}/smaps_rollup`, 'Pss') ?? readKb(`/proc/${pid}/status`, 'VmRSS');
    if (kb !== undefined) {
      total += kb * 1024;
      seen = true;
    }
  }
  return seen ? total : undefined;
}

function readKb(file: string, field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the startup wait of a just-spawned process; if it fails, kills the process so no half-started JVM lingers. */
export async function killOnFailure<T>(pid: number, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    await stopProcess(pid, 'SIGKILL', 5_000).catch(() => undefined);
    throw error;
  }
}
