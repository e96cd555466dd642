import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import net from 'node:net';
import { InfraError } from './errors.js';
import { commandLine } from './processes.js';

export interface PortOwner {
  readonly pid: number;
  readonly command: string;
}

/** Socket inodes listening on `port`, from the text of /proc/net/tcp or /proc/net/tcp6. */
export function listeningInodes(procNetTcp: string, port: number): number[] {
  const inodes: number[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    // fields: sl local_address rem_address st … inode (index 9); st 0A = LISTEN; ports are hex.
    if (fields.length < 10 || fields[3] !== '0A') continue;
    const localPort = Number.parseInt((fields[1] ?? '').split(':')[1] ?? '', 16);
    if (localPort === port) inodes.push(Number(fields[9]));
  }
  return inodes;
}

/** Pid in `ss -ltnp` output for a listener on `port` (used when procfs shows no owner, e.g. another user's process). */
export function pidFromSs(ssOutput: string, port: number): number | undefined {
  for (const line of ssOutput.split('\n')) {
    const local = line.trim().split(/\s+/)[3] ?? '';
    if (!local.endsWith(`:${port}`)) continue;
    const match = /pid=(\d+)/.exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}

export function portInUseMessage(port: number, owner: PortOwner | undefined): string {
  if (!owner) return `port ${port} is in use by another process`;
  return `port ${port} is in use by PID ${owner.pid} (${shortCommand(owner.command) || 'unknown command'})`;
}

/** A JVM's command line is mostly options: keep the program and the end, where the main class and config are. */
function shortCommand(command: string, max = 120): string {
  if (command.length <= max) return command;
  const program = command.split(' ')[0] ?? '';
  return `${program} … ${command.slice(-(max - program.length - 3))}`;
}

/** Best effort: which process listens on `port` (procfs, then `ss`), undefined if we cannot tell. */
export function findPortOwner(port: number): PortOwner | undefined {
  const inodes = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const inode of listeningInodes(readFileSync(file, 'utf8'), port)) inodes.add(inode);
    } catch {
      // no procfs or no IPv6
    }
  }
  const pid = (inodes.size > 0 ? pidOfSocket(inodes) : undefined) ?? pidFromSsCommand(port);
  return pid === undefined ? undefined : { pid, command: commandLine(pid) };
}

function pidOfSocket(inodes: Set<number>): number | undefined {
  const wanted = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (wanted.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) return Number(pid);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return undefined;
}

function pidFromSsCommand(port: number): number | undefined {
  try {
    return pidFromSs(
      execFileSync('ss', ['-ltnpH'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
      port,
    );
  } catch {
    return undefined;
  }
}

/** Can we bind 127.0.0.1:port? A listener on 0.0.0.0 or 127.0.0.1 makes this fail with EADDRINUSE. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Fails with the owner of the port when `component` cannot listen on it. */
export async function assertPortsFree(component: string, ports: Record<string, number>): Promise<void> {
  for (const [role, port] of Object.entries(ports)) {
    if (await isPortFree(port)) continue;
    throw new InfraError(`${component} cannot start: ${portInUseMessage(port, findPortOwner(port))}`, {
      hint: `Stop that process, or move ${component} with ${role}=<free port>.`,
    });
  }
}
