import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { sanitize } from '../record/sanitize.js';
import type { BenchResult } from '../result-model.js';
import { chartPoints, chartSpec, renderSvg } from './chart-svg.js';
import { renderMarkdown } from './markdown.js';

/** A result's file stem: its start in UTC, safe in file names on every system (2026-12-02T03-14-24Z). */
export const resultStem = (startedAt: string): string =>
  startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');

/** Writes <stem>.json, <stem>.md and <stem>.svg into `dir`, without this machine's paths; returns the markdown. */
export async function writeResults(
  result: BenchResult,
  dir: string,
  repoRoot: string,
): Promise<{ files: string[]; markdown: string }> {
  // Only what is read from the machine carries paths; the definitions mention /proc files on purpose.
  const home = os.homedir();
  const clean: BenchResult = {
    ...result,
    machine: sanitize(result.machine, repoRoot, home),
    versions: sanitize(result.versions, repoRoot, home),
    settings: sanitize(result.settings, repoRoot, home),
    errors: sanitize(result.errors, repoRoot, home),
  };
  const stem = resultStem(clean.startedAt);
  const out = resolve(repoRoot, dir);
  await mkdir(out, { recursive: true });
  const markdown = renderMarkdown(clean, `${stem}.svg`);
  const svg = await renderSvg(
    chartSpec(
      chartPoints(clean.steps),
      `Saga latency against completed throughput, ${clean.startedAt}${clean.options.quick ? ' (--quick)' : ''}`,
    ),
  );
  const files = [join(out, `${stem}.json`), join(out, `${stem}.md`), join(out, `${stem}.svg`)];
  await writeFile(files[0]!, `${JSON.stringify(clean, null, 2)}\n`);
  await writeFile(files[1]!, markdown);
  await writeFile(files[2]!, svg);
  return { files, markdown };
}
