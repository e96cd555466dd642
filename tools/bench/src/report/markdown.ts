import type { BenchResult, StepResult } from '../result-model.js';
import { num, p50p95p99, p50p99, stepLabel, table } from './format.js';

const met = (value: boolean | null) => (value === null ? 'open' : value ? 'yes' : 'no');

const rejectedText = (step: StepResult) =>
  Object.entries(step.outcomes.rejected)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ') || '0';

const maxLag = (step: StepResult) => {
  const groups = Object.entries(step.consumerLag);
  if (!groups.length) return '–';
  const [group, figures] = groups.reduce((a, b) => (b[1].max > a[1].max ? b : a));
  return `${figures.max} (${group})`;
};

function header(r: BenchResult): string {
  const m = r.machine as { cpuModel?: string; cores?: number; memoryGiB?: number; kernel?: string };
  const v = r.versions;
  const other = r.steps.map((s) => s.cpu.otherCores);
  const otherMean = other.length ? other.reduce((a, b) => a + b, 0) / other.length : null;
  return [
    `# Benchmark ${r.startedAt}${r.options.quick ? ' (--quick)' : ''}`,
    '',
    commitLine(r),
    '',
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.kernel}. ` +
      `node ${v.node} · ${(v.postgres ?? '').split(' on ')[0]} · Kafka ${v.kafka} · Connect ${v.connect} · Debezium ${v.debezium} · kafkajs ${v.kafkajs}.`,
    '',
    `Run took ${num(r.durationSeconds)} s. Other work on the machine during the steps (neither the stack nor the bench): ` +
      `mean ${num(otherMean, 2)} cores. Options: \`${optionsLine(r)}\`.`,
    ...(r.errors.length ? ['', `**Phases that failed:** ${r.errors.join('; ')}`] : []),
  ].join('\n');
}

function commitLine(r: BenchResult): string {
  const c = r.commit;
  const commit = c
    ? `Commit ${c.sha.slice(0, 12)}${c.dirty ? ' **with uncommitted changes**' : ''}${c.harnessDirty ? ' (bench harness changed)' : ''}: ${c.subject}.`
    : 'Commit not recorded.';
  const system = r.system
    ? ` System: ${r.system.processes.join(', ')}${r.system.without.length ? ` (**without ${r.system.without.join(', ')}**: not the whole system)` : ' (the whole system, as `npm run demo` runs it)'}.`
    : '';
  const labels =
    r.labelsRendered === undefined ? '' : ` Labels rendered during the run: ${r.labelsRendered}.`;
  return `${commit}${system}${labels}`;
}

function optionsLine(r: BenchResult): string {
  const o = r.options;
  return `--rates ${o.rates.join(',')} --duration ${o.duration} --warmup ${o.warmup} --drain ${o.drain} --sequential ${o.sequential} --idle ${o.idle} --ramp-steps ${o.rampSteps} --ramp-duration ${o.rampDuration} --ramp-factor ${o.rampFactor} --p99-bound ${o.p99Bound} --baseline-seconds ${o.baselineSeconds} --pg-pool ${o.pgPool} --skus ${o.skus}${o.flashSaleRate === null || o.flashSaleRate === undefined ? '' : ` --flash-sale-rate ${o.flashSaleRate}`}${o.without?.length ? ` --without ${o.without.join(',')}` : ''}`;
}

function targets(r: BenchResult): string {
  return [
    '## Targets (issue 8)',
    '',
    table(
      ['figure', 'target', 'this run', 'met'],
      r.targets.map((t) => [t.figure, t.target, t.measured, met(t.met)]),
    ),
  ].join('\n');
}

function rates(r: BenchResult): string {
  return [
    '## Throughput and latency per offered rate',
    '',
    'Latencies in ms, median / p95 / p99 of approved sagas; relay lag median / p99 (estimate · upper bound). ' +
      '"carried over": sagas of earlier steps still running when the step began.',
    '',
    table(
      [
        'step',
        'carried over',
        'offered',
        'accepted',
        'refused (503)',
        'errors',
        'completed/s',
        'approved',
        'rejected',
        'timed out',
        'unfinished',
        '202 → APPROVED',
        'server (placed → approved)',
        'relay lag',
        'max consumer lag',
        'verdict',
      ],
      r.steps.map((s) => [
        stepLabel(s),
        String(s.carriedOver),
        String(s.posts.offered),
        String(s.posts.accepted),
        String(s.posts.refused),
        String(s.posts.errors),
        num(s.completedPerSecond, 1),
        String(s.outcomes.approved),
        rejectedText(s),
        String(s.outcomes.timedOut),
        String(s.outcomes.unfinished),
        p50p95p99(s.latencyMs.client),
        p50p95p99(s.latencyMs.server),
        `${p50p99(s.relayLagMs.toRecordTimestamp)} · ${p50p99(s.relayLagMs.toBenchConsumer)}`,
        maxLag(s),
        s.verdict.saturated ? `saturated: ${s.verdict.reasons.join('; ')}` : 'held',
      ]),
    ),
    '',
    `Ceiling: ${r.ceiling.sagasPerSecond === null ? 'no step held' : `**${num(r.ceiling.sagasPerSecond, 1)} sagas/s** (at ${r.ceiling.atOfferedPerSecond}/s offered)`}; best completed rate of any step ${num(r.ceiling.bestCompletedPerSecond, 1)}/s. Ramp: ${r.ceiling.stoppedBecause}.`,
  ].join('\n');
}

function perSaga(r: BenchResult): string {
  return [
    '## Cost per saga',
    '',
    table(
      [
        'step',
        'stack CPU (cores)',
        'CPU ms/saga',
        'xact_commit/saga',
        'write tx/saga',
        'relayed msgs/saga',
        'dead-lettered',
        'labels rendered',
        'bench (cores)',
        'other work (cores)',
      ],
      withFlashSale(r).map((s) => [
        stepLabel(s),
        num(s.cpu.stackCores, 2),
        num(s.perSaga.cpuMs, 1),
        num(s.perSaga.xactCommit, 1),
        num(s.perSaga.writeTransactions, 1),
        num(s.perSaga.relayedMessages, 1),
        String(s.relayed.deadLettered),
        s.labelsRendered === undefined ? '–' : String(s.labelsRendered),
        num(s.cpu.benchCores, 2),
        num(s.cpu.otherCores, 2),
      ]),
    ),
  ].join('\n');
}

/** The steps, the flash sale last. */
const withFlashSale = (r: BenchResult): StepResult[] => [
  ...r.steps,
  ...(r.flashSale ? [r.flashSale.step] : []),
];

function cpuPerProcess(r: BenchResult): string {
  const steps = withFlashSale(r);
  const names = Object.keys(r.idle?.cpu.perProcess ?? steps[0]?.cpu.perProcess ?? {});
  const columns = [...(r.idle ? ['idle'] : []), ...steps.map(stepLabel)];
  const rows = names.map((name) => [
    name,
    ...(r.idle ? [num(r.idle.cpu.perProcess[name], 3)] : []),
    ...steps.map((s) => num(s.cpu.perProcess[name], 2)),
  ]);
  rows.push([
    '**stack total**',
    ...(r.idle ? [num(r.idle.cpu.stackCores, 3)] : []),
    ...steps.map((s) => num(s.cpu.stackCores, 2)),
  ]);
  const perSagaRows = names.map((name) => [
    name,
    ...steps.map((s) =>
      s.sagasInWindow > 0 && s.cpu.cpuSeconds[name] !== undefined
        ? num((s.cpu.cpuSeconds[name] * 1000) / s.sagasInWindow, 1)
        : '–',
    ),
  ]);
  return [
    '## CPU per process (cores)',
    '',
    table(['process', ...columns], rows),
    '',
    '## CPU per process per saga (ms)',
    '',
    table(['process', ...steps.map(stepLabel)], perSagaRows),
  ].join('\n');
}

function flashSale(r: BenchResult): string {
  const f = r.flashSale;
  if (!f) return '';
  const s = f.step;
  return [
    `## Flash sale (every order on one SKU, one stock row) at ${s.offeredPerSecond}/s offered`,
    '',
    table(
      [
        'figure',
        'flash sale (1 SKU)',
        `spread (${f.reference?.skus ?? r.options.skus} SKUs)`,
        'flash ÷ spread',
      ],
      [
        [
          'completed sagas/s',
          num(s.completedPerSecond, 1),
          num(f.reference?.completedPerSecond, 1),
          num(f.completedVsSpread, 2),
        ],
      ],
    ),
    '',
    `Flash sale: ${s.posts.accepted} accepted, ${s.posts.refused} refused, ${s.outcomes.timedOut} timed out, ${s.outcomes.unfinished} unfinished; 202 → APPROVED ${p50p95p99(s.latencyMs.client)} ms; stack ${num(s.cpu.stackCores, 2)} cores, ${num(s.perSaga.cpuMs, 1)} ms CPU per saga; ${s.verdict.saturated ? `saturated: ${s.verdict.reasons.join('; ')}` : 'held'}.` +
      (f.reference ? '' : ' No spread-SKU step ran at that rate to compare with.'),
  ].join('\n');
}

function memory(r: BenchResult): string {
  const names = Object.keys(r.pssPeak?.perProcessMiB ?? {});
  const rows = names.map((name) => [
    name,
    num(r.idle?.pss.perProcessMiB[name]),
    num(r.pssPeak?.perProcessMiB[name]),
  ]);
  rows.push(['**stack total**', num(r.idle?.pss.totalMiB), num(r.pssPeak?.totalMiB)]);
  return ['## Memory (PSS, MiB)', '', table(['process', 'idle', 'peak (end of each step)'], rows)].join('\n');
}

function consumerLag(r: BenchResult): string {
  const groups = [...new Set(r.steps.flatMap((s) => Object.keys(s.consumerLag)))].sort();
  if (!groups.length) return '';
  return [
    '## Consumer lag per group (max / mean records)',
    '',
    table(
      ['group', ...r.steps.map(stepLabel)],
      groups.map((g) => [
        g,
        ...r.steps.map((s) =>
          s.consumerLag[g] ? `${s.consumerLag[g].max} / ${num(s.consumerLag[g].mean, 1)}` : '–',
        ),
      ]),
    ),
  ].join('\n');
}

function sequential(r: BenchResult): string {
  const s = r.sequential;
  if (!s) return '## Sequential sagas\n\nNot measured.';
  return [
    `## Sequential sagas (${s.sagas}, one at a time)`,
    '',
    table(
      ['figure', 'median / p95 / p99 ms'],
      [
        ['202 → APPROVED (client)', p50p95p99(s.latencyMs.client)],
        ['OrderPlaced → OrderApproved (server)', p50p95p99(s.latencyMs.server)],
        ...Object.entries(s.stepsMs).map(([step, summary]) => [step, p50p95p99(summary)]),
        ['relay lag, estimate', p50p95p99(s.relayLagMs.toRecordTimestamp)],
        ['relay lag, upper bound', p50p95p99(s.relayLagMs.toBenchConsumer)],
      ],
    ),
    '',
    `Outcomes: ${s.outcomes.approved} approved, ${s.outcomes.timedOut} timed out, ${s.outcomes.unfinished} unfinished${Object.keys(s.outcomes.rejected).length ? `, rejected ${JSON.stringify(s.outcomes.rejected)}` : ''}.`,
  ].join('\n');
}

function baselines(r: BenchResult): string {
  const pg = r.baselines.pgCommitCeiling;
  const k = r.baselines.kafkaRoundTrip;
  const durability = Object.entries(pg.durability)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return [
    '## Baselines (same machine, same run)',
    '',
    pg.error
      ? `- PostgreSQL commit ceiling: failed (${pg.error})`
      : `- **PostgreSQL commit ceiling: ${num(pg.commitsPerSecond)} commits/s** with ${pg.connections} connections over ${num(pg.seconds, 1)} s (${durability}); transaction ${p50p95p99(pg.transactionMs)} ms (median / p95 / p99). Shape: ${pg.shape}.`,
    k.error
      ? `- Kafka round trip: failed (${k.error})`
      : `- **Kafka produce → consume round trip: ${p50p95p99(k.lowRate.latencyMs)} ms** (median / p95 / p99, ${k.lowRate.messages} messages at ${k.lowRate.perSecond}/s); **max ${num(k.throughput.messagesPerSecond)} messages/s** (batches of ${k.throughput.batchSize}, ${num(k.throughput.seconds, 1)} s). Client: ${k.client}.`,
  ].join('\n');
}

function ratios(r: BenchResult): string {
  const rows = r.ratios.steps.map((x) => [
    stepLabel(x),
    num(x.commitsVsCeiling, 2),
    num(x.messagesVsKafkaMax, 2),
    num(x.latencyMedianVsKafkaHops, 1),
    num(x.latencyP99VsKafkaHops, 1),
    num(x.relayLagVsKafkaRoundTrip, 1),
    num(x.cpuVsMachine, 2),
    num(x.completedVsCeiling, 2),
  ]);
  rows.push(['sequential', '–', '–', num(r.ratios.sequential.medianVsKafkaHops, 1), '–', '–', '–', '–']);
  return [
    '## Ratios to the limits',
    '',
    table(
      [
        'step',
        'commits ÷ ceiling',
        'messages ÷ kafka max',
        `latency median ÷ (${r.ratios.sequential.hops} × RT)`,
        `p99 ÷ (${r.ratios.sequential.hops} × RT p99)`,
        'relay lag ÷ RT',
        'CPU ÷ cores',
        'completed ÷ ceiling',
      ],
      rows,
    ),
  ].join('\n');
}

function idle(r: BenchResult): string {
  if (!r.idle) return '';
  const rows = Object.entries(r.idle.cpu.perProcess).map(([name, cores]) => [name, num(cores, 3)]);
  rows.push(['**stack total**', num(r.idle.cpu.stackCores, 3)]);
  rows.push(['(other work on the machine)', num(r.idle.cpu.otherCores, 3)]);
  return [`## Idle stack (${num(r.idle.seconds)} s, no load)`, '', table(['process', 'cores'], rows)].join(
    '\n',
  );
}

function definitionList(r: BenchResult): string {
  return [
    '## Definitions',
    '',
    ...Object.entries(r.definitions).map(([name, text]) => `- **${name}**: ${text}`),
  ].join('\n');
}

/** The run's summary as markdown, with the chart (same file stem, .svg) linked. */
export function renderMarkdown(r: BenchResult, chartFile: string): string {
  return [
    header(r),
    targets(r),
    rates(r),
    flashSale(r),
    `![latency against completed throughput](${chartFile})`,
    perSaga(r),
    cpuPerProcess(r),
    idle(r),
    memory(r),
    consumerLag(r),
    sequential(r),
    baselines(r),
    ratios(r),
    definitionList(r),
  ]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
}
