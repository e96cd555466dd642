import type { BenchResult } from '../result-model.js';
import { num, table } from '../report/format.js';
import { type ComparedFigure, formatRatio } from './comparison.js';

export interface ComparedRun {
  readonly result: BenchResult;
  /** The ref as given (e.g. 62789d6, main, HEAD). */
  readonly ref: string;
  /** Where its own result files are, relative to the repository. */
  readonly files: readonly string[];
}

const describe = (run: ComparedRun) => {
  const c = run.result.commit;
  const commit = c
    ? `${c.sha.slice(0, 12)}${c.dirty ? ' + uncommitted changes' : ''} "${c.subject}"`
    : 'commit not recorded';
  return `${commit} (${run.ref}), ${run.result.startedAt}, ${num(run.result.durationSeconds)} s`;
};

/** The comparison as markdown: one table per section, each figure old, new and new ÷ old. */
export function renderComparison(
  old: ComparedRun,
  now: ComparedRun,
  figures: readonly ComparedFigure[],
  options: string,
): string {
  const sections = [...new Set(figures.map((f) => f.section))];
  const errors = [old, now].flatMap((run, i) =>
    run.result.errors.map((e) => `${i === 0 ? 'old' : 'new'}: ${e}`),
  );
  return [
    `# Benchmark comparison ${now.result.startedAt}`,
    '',
    `- **old**: ${describe(old)}`,
    `- **new**: ${describe(now)}`,
    `- Both in one session on the same machine, one after the other, each with its own infrastructure started fresh, the same harness (this tree's tools/bench) and the same options: \`${options || '(defaults)'}\`.`,
    `- Ratio = new ÷ old ("=" both 0, "∞" old 0, "–" not measured on one side). Only ratios from one session count: absolute figures drift between days.`,
    `- Result files: old ${old.files.join(', ')}; new ${now.files.join(', ')}.`,
    ...(errors.length ? ['', `**Phases that failed:** ${errors.join('; ')}`] : []),
    ...sections.flatMap((section) => [
      '',
      `## ${section}`,
      '',
      table(
        ['figure', 'old', 'new', 'new ÷ old'],
        figures
          .filter((f) => f.section === section)
          .map((f) => [f.figure, num(f.old, f.digits), num(f.new, f.digits), formatRatio(f.old, f.new)]),
      ),
    ]),
  ]
    .join('\n')
    .concat('\n');
}
