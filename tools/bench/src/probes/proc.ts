import { readFileSync, readdirSync } from 'node:fs';

/** The fields of /proc/<pid>/stat the bench reads (see proc(5)); times in clock ticks. */
export interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly utime: number;
  readonly stime: number;
  /** CPU of children the process has waited for: a Postgres backend that exited is counted in the postmaster's. */
  readonly cutime: number;
  readonly cstime: number;
}

/** Parses one /proc/<pid>/stat line; the command name may hold spaces and parentheses, so fields count from its end. */
export function parseStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  const pid = Number(line.slice(0, line.indexOf(' ')));
  // After ") ": state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17); index 0 is field 3.
  const fields = line.slice(close + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  return { pid, ppid: field(4), utime: field(14), stime: field(15), cutime: field(16), cstime: field(17) };
}

/** Every process of the machine, by pid (processes that end while being read are skipped). */
export function readAllStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.set(Number(entry), parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      /* ended while we looked */
    }
  }
  return stats;
}

/** A process and all its live descendants. */
export function processTree(root: number, stats: ReadonlyMap<number, ProcStat>): number[] {
  const children = new Map<number, number[]>();
  for (const stat of stats.values()) {
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat.pid]);
  }
  if (!stats.has(root)) return [];
  const tree: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * CPU ticks a process tree has used so far: its live members' own time plus what they collected from children
 * that already exited. The difference of two readings is the tree's CPU in between, connections opened and closed
 * in between included (their time moves into the parent's cutime once reaped, and only then leaves the live tree).
 */
export function treeTicks(root: number, stats: ReadonlyMap<number, ProcStat>): number {
  return processTree(root, stats).reduce((total, pid) => {
    const s = stats.get(pid)!;
    return total + s.utime + s.stime + s.cutime + s.cstime;
  }, 0);
}

/** `Pss:` of /proc/<pid>/smaps_rollup in KiB: resident memory with each shared page divided among its sharers. */
export function parsePssKiB(smapsRollup: string): number {
  const match = /^Pss:\s+(\d+) kB$/m.exec(smapsRollup);
  if (!match) throw new Error('no Pss line in smaps_rollup');
  return Number(match[1]);
}

/** Busy and total jiffies of all CPUs, from the first line of /proc/stat (iowait and idle count as not busy). */
export function parseMachineCpu(procStat: string): { busy: number; total: number } {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('no "cpu " line in /proc/stat');
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait! };
}
