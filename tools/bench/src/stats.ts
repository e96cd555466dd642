export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export const summarize = (values: readonly number[]): string => {
  const xs = [...values].sort((a, b) => a - b);
  return `median ${percentile(xs, 50).toFixed(0)} ms · p90 ${percentile(xs, 90).toFixed(0)} ms · p99 ${percentile(xs, 99).toFixed(0)} ms · max ${xs.at(-1)!.toFixed(0)} ms`;
};
