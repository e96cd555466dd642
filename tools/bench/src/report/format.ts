import type { Summary } from '../stats.js';

/** A number with `digits` decimals, or "–" when unknown. */
export const num = (value: number | null | undefined, digits = 0): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);

/** Median/p95/p99 of a latency sample in whole ms. */
export const p50p95p99 = (s: Summary | null | undefined): string =>
  s ? `${num(s.median)} / ${num(s.p95)} / ${num(s.p99)}` : '–';

export const p50p99 = (s: Summary | null | undefined): string =>
  s ? `${num(s.median)} / ${num(s.p99)}` : '–';

/** A markdown table; cells must not contain "|". */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replaceAll('|', '/')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const stepLabel = (step: { phase: string; offeredPerSecond: number }) =>
  `${step.phase === 'rate' ? '' : `${step.phase} `}${step.offeredPerSecond}/s`;
