/**
 * `npm run bench:label-render [-- --labels N --warmup N]`: the CPU one label's rendering costs in this process, after
 * warm-up, as process.cpuUsage() sees it (user + system; GC included). Labels render one after another with distinct
 * tracking numbers, as the worker does. A hand-run measurement, not a test: CPU figures only compare within one
 * session on one machine. Add `--cpu-prof` to node's options (see the script) to see where the time goes.
 */
import { parseArgs } from 'node:util';
import { renderLabelPdf } from './label-pdf.js';
import { sampleLabel } from './sample-label.js';

const count = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`--${name} must be a whole number ≥ 1, got "${value}"; e.g. --${name} ${fallback}`);
  }
  return parsed;
};

const trackingNumber = (index: number): string => `SP${String(index).padStart(10, '0')}ABCDEF`;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { labels: { type: 'string' }, warmup: { type: 'string' } },
  });
  const labels = count('labels', values.labels, 500);
  const warmup = count('warmup', values.warmup, 50);
  for (let index = 0; index < warmup; index++) await renderLabelPdf(sampleLabel(trackingNumber(index)));
  const startCpu = process.cpuUsage();
  const startWall = performance.now();
  let bytes = 0;
  for (let index = 0; index < labels; index++) {
    bytes += (await renderLabelPdf(sampleLabel(trackingNumber(warmup + index)))).length;
  }
  const cpu = process.cpuUsage(startCpu);
  const wallMs = performance.now() - startWall;
  const perLabel = (micros: number) => (micros / 1000 / labels).toFixed(2);
  console.log(
    `${labels} labels after ${warmup} warm-up: CPU ${perLabel(cpu.user + cpu.system)} ms/label ` +
      `(user ${perLabel(cpu.user)}, system ${perLabel(cpu.system)}), wall ${(wallMs / labels).toFixed(2)} ms/label, ` +
      `${Math.round(bytes / labels)} bytes/label`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
