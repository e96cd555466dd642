export type Log = (line: string) => void;

/** Runs `step` and reports "✓ <what it returns> (1.2s)". */
export async function timed<T>(log: Log, step: () => Promise<T>, describe: (value: T) => string): Promise<T> {
  const started = performance.now();
  const value = await step();
  log(`✓ ${describe(value)} (${seconds(performance.now() - started)})`);
  return value;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
