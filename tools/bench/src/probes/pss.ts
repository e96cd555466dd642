import { readFileSync } from 'node:fs';
import type { MeasuredProcess } from './measured-processes.js';
import { parsePssKiB, processTree, readAllStats } from './proc.js';

export interface PssSnapshot {
  /** PSS per process tree in MiB: shared pages are split among the processes sharing them, so they count once. */
  readonly perProcessMiB: Readonly<Record<string, number>>;
  readonly totalMiB: number;
}

export function pssSnapshot(processes: readonly MeasuredProcess[]): PssSnapshot {
  const stats = readAllStats();
  const perProcessMiB = Object.fromEntries(
    processes.map((p) => {
      let kib = 0;
      for (const pid of processTree(p.pid, stats)) {
        try {
          kib += parsePssKiB(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
        } catch {
          /* ended while we looked */
        }
      }
      return [p.name, kib / 1024];
    }),
  );
  return { perProcessMiB, totalMiB: Object.values(perProcessMiB).reduce((a, b) => a + b, 0) };
}

/** The larger of two readings per process (the peak over a run), and the larger total. */
export function pssPeak(a: PssSnapshot | null, b: PssSnapshot): PssSnapshot {
  if (!a) return b;
  const names = new Set([...Object.keys(a.perProcessMiB), ...Object.keys(b.perProcessMiB)]);
  return {
    perProcessMiB: Object.fromEntries(
      [...names].map((n) => [n, Math.max(a.perProcessMiB[n] ?? 0, b.perProcessMiB[n] ?? 0)]),
    ),
    totalMiB: Math.max(a.totalMiB, b.totalMiB),
  };
}
