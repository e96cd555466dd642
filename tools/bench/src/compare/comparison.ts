import type { BenchResult, StepResult } from '../result-model.js';
import { stepLabel } from '../report/format.js';

/** One figure of both runs. */
export interface ComparedFigure {
  readonly section: string;
  readonly figure: string;
  readonly old: number | null;
  readonly new: number | null;
  /** Decimals shown. */
  readonly digits: number;
}

/**
 * new ÷ old as text: two decimals and "×"; "–" when either is unknown, "=" when both are 0, "∞" when only the old
 * is 0 (a figure that appeared).
 */
export function formatRatio(old: number | null | undefined, now: number | null | undefined): string {
  if (old === null || old === undefined || now === null || now === undefined) return '–';
  if (!Number.isFinite(old) || !Number.isFinite(now)) return '–';
  if (old === 0) return now === 0 ? '=' : '∞';
  return `${(now / old).toFixed(2)}×`;
}

type Figure = readonly [figure: string, pick: (r: BenchResult) => number | null | undefined, digits: number];

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The label of a step, for matching the same step in both runs. */
const stepKey = (s: StepResult) => stepLabel(s);

function stepFigures(label: string, find: (r: BenchResult) => StepResult | undefined): Figure[] {
  const at = (pick: (s: StepResult) => number | null | undefined) => (r: BenchResult) => {
    const step = find(r);
    return step ? pick(step) : null;
  };
  return [
    [`${label}: completed sagas/s`, at((s) => s.completedPerSecond), 1],
    [`${label}: refused (503)`, at((s) => s.posts.refused), 0],
    [
      `${label}: failed (timed out + unfinished + errors)`,
      at((s) => s.outcomes.timedOut + s.outcomes.unfinished + s.posts.errors),
      0,
    ],
    [`${label}: 202 → APPROVED median ms`, at((s) => s.latencyMs.client?.median), 0],
    [`${label}: 202 → APPROVED p99 ms`, at((s) => s.latencyMs.client?.p99), 0],
    [`${label}: stack CPU (cores)`, at((s) => s.cpu.stackCores), 2],
    [`${label}: CPU per saga (ms)`, at((s) => s.perSaga.cpuMs), 1],
    [`${label}: write transactions per saga`, at((s) => s.perSaga.writeTransactions), 1],
    [`${label}: relayed messages per saga`, at((s) => s.perSaga.relayedMessages), 1],
    [`${label}: labels rendered`, at((s) => s.labelsRendered), 0],
  ];
}

/** Process names of both runs (infrastructure first as they appear, then the rest). */
function processNames(a: BenchResult, b: BenchResult): string[] {
  const names = [a, b].flatMap((r) => [
    ...Object.keys(r.idle?.cpu.perProcess ?? {}),
    ...r.steps.flatMap((s) => Object.keys(s.cpu.perProcess)),
    ...Object.keys(r.pssPeak?.perProcessMiB ?? {}),
  ]);
  return [...new Set(names)];
}

/** Every figure the comparison shows, old and new side by side. */
export function compareResults(old: BenchResult, now: BenchResult): ComparedFigure[] {
  const figures: { section: string; list: Figure[] }[] = [];
  figures.push({
    section: 'Headline',
    list: [
      ['ceiling: completed sagas/s (p99 within bound, no failure)', (r) => r.ceiling.sagasPerSecond, 1],
      ['ceiling: at offered/s', (r) => r.ceiling.atOfferedPerSecond, 0],
      ['best completed sagas/s of any step', (r) => r.ceiling.bestCompletedPerSecond, 1],
      ['sequential: 202 → APPROVED median ms', (r) => r.sequential?.latencyMs.client?.median, 0],
      ['sequential: 202 → APPROVED p99 ms', (r) => r.sequential?.latencyMs.client?.p99, 0],
      ['sequential: placed → approved (server) median ms', (r) => r.sequential?.latencyMs.server?.median, 0],
      ['idle stack CPU (cores)', (r) => r.idle?.cpu.stackCores, 3],
      ['PSS peak, whole stack (MiB)', (r) => r.pssPeak?.totalMiB, 0],
      ['flash sale (1 SKU): completed sagas/s', (r) => r.flashSale?.step.completedPerSecond, 1],
      ['flash sale: p99 ms', (r) => r.flashSale?.step.latencyMs.client?.p99, 0],
      ['flash sale ÷ spread-SKU rate at the same offered rate', (r) => r.flashSale?.completedVsSpread, 2],
      ['labels rendered in the run', (r) => r.labelsRendered, 0],
    ],
  });
  const labels = [...new Set([...old.steps, ...now.steps].filter((s) => s.phase === 'rate').map(stepKey))];
  for (const label of labels) {
    figures.push({
      section: `At ${label} offered`,
      list: stepFigures(label, (r) => r.steps.find((s) => s.phase === 'rate' && stepKey(s) === label)),
    });
  }
  const names = processNames(old, now);
  const fixed = (r: BenchResult, label: string) =>
    r.steps.find((s) => s.phase === 'rate' && stepKey(s) === label);
  figures.push({
    section: 'CPU per process (cores)',
    list: names.flatMap((name): Figure[] => [
      [`${name}: idle`, (r) => r.idle?.cpu.perProcess[name], 3],
      ...labels.map((label): Figure => [
        `${name}: ${label}`,
        (r) => fixed(r, label)?.cpu.perProcess[name],
        2,
      ]),
    ]),
  });
  figures.push({
    section: 'CPU per process per saga (ms)',
    list: names.flatMap((name) =>
      labels.map((label): Figure => [
        `${name}: ${label}`,
        (r) => {
          const step = fixed(r, label);
          const seconds = step?.cpu.cpuSeconds[name];
          return step && seconds !== undefined && step.sagasInWindow > 0
            ? (seconds * 1000) / step.sagasInWindow
            : null;
        },
        1,
      ]),
    ),
  });
  figures.push({
    section: 'Memory (PSS peak, MiB)',
    list: names.map((name): Figure => [name, (r) => r.pssPeak?.perProcessMiB[name], 0]),
  });
  figures.push({
    section: 'Baselines (the machine, not the system: near 1× when both runs had the same machine)',
    list: [
      ['PostgreSQL commit ceiling (commits/s)', (r) => r.baselines.pgCommitCeiling.commitsPerSecond, 0],
      ['Kafka round trip median ms', (r) => r.baselines.kafkaRoundTrip.lowRate.latencyMs?.median, 1],
      ['kafkajs max messages/s', (r) => r.baselines.kafkaRoundTrip.throughput.messagesPerSecond, 0],
      [
        'other work on the machine (cores, mean of the steps)',
        (r) => mean(r.steps.map((s) => s.cpu.otherCores)),
        2,
      ],
    ],
  });
  return figures.flatMap(({ section, list }) =>
    list
      .map(([figure, pick, digits]) => ({
        section,
        figure,
        old: finite(pick(old)),
        new: finite(pick(now)),
        digits,
      }))
      // The headline stays whole (a ceiling neither run found is a result); elsewhere a figure neither has is noise.
      .filter((row) => section === 'Headline' || row.old !== null || row.new !== null),
  );
}

const finite = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;
const mean = (values: readonly number[]) => (values.length ? sum(values) / values.length : null);
