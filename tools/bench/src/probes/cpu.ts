import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { wallMs } from '../clock.js';
import type { MeasuredProcess } from './measured-processes.js';
import { parseMachineCpu, readAllStats, treeTicks } from './proc.js';

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on every usual Linux). */
const ticksPerSecond = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim();
  const value = Number(out);
  return Number.isInteger(value) && value > 0 ? value : 100;
})();

export interface CpuSnapshot {
  readonly at: number;
  /** CPU seconds each measured process tree has used since it started. */
  readonly seconds: Readonly<Record<string, number>>;
  /** The bench process itself (the load generator and its probes), CPU seconds. */
  readonly benchSeconds: number;
  readonly machine: { readonly busy: number; readonly total: number };
}

export function cpuSnapshot(processes: readonly MeasuredProcess[]): CpuSnapshot {
  const stats = readAllStats();
  const usage = process.cpuUsage();
  return {
    at: wallMs(),
    seconds: Object.fromEntries(processes.map((p) => [p.name, treeTicks(p.pid, stats) / ticksPerSecond])),
    benchSeconds: (usage.user + usage.system) / 1e6,
    machine: parseMachineCpu(readFileSync('/proc/stat', 'utf8')),
  };
}

export interface CpuUse {
  readonly seconds: number;
  /** Cores used on average per process tree (CPU seconds ÷ wall seconds). */
  readonly perProcess: Readonly<Record<string, number>>;
  /** CPU seconds per process tree. */
  readonly cpuSeconds: Readonly<Record<string, number>>;
  readonly stackCores: number;
  readonly stackCpuSeconds: number;
  readonly benchCores: number;
  /** The whole machine's busy cores (/proc/stat), and what is neither the stack nor the bench (other work). */
  readonly machineBusyCores: number;
  readonly otherCores: number;
}

/** CPU used between two snapshots of the same processes. */
export function cpuBetween(from: CpuSnapshot, to: CpuSnapshot, cores: number): CpuUse {
  const seconds = (to.at - from.at) / 1000;
  const cpuSeconds = Object.fromEntries(
    Object.keys(to.seconds).map((name) => [name, Math.max(0, to.seconds[name]! - (from.seconds[name] ?? 0))]),
  );
  const perProcess = Object.fromEntries(Object.entries(cpuSeconds).map(([name, s]) => [name, s / seconds]));
  const stackCpuSeconds = Object.values(cpuSeconds).reduce((a, b) => a + b, 0);
  const benchCores = (to.benchSeconds - from.benchSeconds) / seconds;
  const machineTotal = to.machine.total - from.machine.total;
  const machineBusyCores =
    machineTotal > 0 ? ((to.machine.busy - from.machine.busy) / machineTotal) * cores : 0;
  const stackCores = stackCpuSeconds / seconds;
  return {
    seconds,
    perProcess,
    cpuSeconds,
    stackCores,
    stackCpuSeconds,
    benchCores,
    machineBusyCores,
    otherCores: Math.max(0, machineBusyCores - stackCores - benchCores),
  };
}
