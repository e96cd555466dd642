import { num, table } from '../report/format.js';
import type { Summary } from '../stats.js';
import type { HealthLag, LagRow } from './lag-figures.js';
import type { ProjectionBenchOptions } from './projection-options.js';

/** The orders the lag phase offered and what came of those sent in the measured window. */
export interface LoadFigures {
  readonly offeredPerSecond: number;
  readonly measuredSeconds: number;
  readonly sent: number;
  readonly accepted: number;
  readonly refused: number;
  readonly errors: number;
  /** Sagas (of any order) that ended in the measured window, per second: what the stack really completed. */
  readonly completedPerSecond: number;
  readonly approved: number;
  readonly rejected: number;
  /** Measured orders whose saga had not ended when the bench stopped waiting. */
  readonly unfinished: number;
  /** 202 → saga end as order.events tells it (ms), over the measured orders that ended. */
  readonly sagaMs: Summary | null;
  /** Cores the stack used in the window, and what else ran on the machine (other stacks, other work). */
  readonly stackCores: number;
  readonly otherCores: number;
}

/** What projection-service's job report says (rebuild/view-rebuilder.ts RebuildReport), as far as the bench reads it. */
export interface JobReport {
  readonly replayed: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly millis: {
    readonly total: number;
    readonly replay: number;
    readonly catchUp: number;
    readonly locked: number;
  };
  readonly eventsPerSecond: number;
  readonly equal?: boolean;
  readonly differences?: readonly {
    readonly table: string;
    readonly onlyLive: number;
    readonly onlyRebuilt: number;
  }[];
}

/** One rebuild or verification: the service's report and what the bench saw around it. */
export interface RebuildRun {
  readonly view: string;
  readonly mode: 'rebuild' | 'verify';
  readonly report: JobReport | null;
  readonly error: string | null;
  /** POST → finishedAt as the bench saw it (ms). */
  readonly wallMs: number;
  /**
   * The window the CPU and connection figures cover (ms): the job's `replaying` phase as the bench's polls (every
   * 100 ms) saw it begin and end, or the whole job when no poll saw it.
   */
  readonly measuredMs: number;
  /** CPU seconds per process tree over that window (postgres counts every backend, kafka the broker). */
  readonly cpuSeconds: Readonly<Record<string, number>>;
  /** Busy cores of the machine over that window that were neither the stack nor the bench (other work). */
  readonly otherCores: number;
  /**
   * What the rebuild's database connection was doing, sampled every 100 ms over that window (backend-states.ts):
   * share of the samples per state, and how many samples found a connection.
   */
  readonly connection: { readonly samples: number; readonly shares: Readonly<Record<string, number>> };
  /** projection_db's committed transactions and rows written (inserted + updated + deleted), replay start → job end. */
  readonly projectionDb: { readonly commits: number; readonly rowsWritten: number } | null;
}

/** Records on the views' topics and how the bench topped them up. */
export interface LogFigures {
  /** Records each topic holds (high − low), before and after the top-up. */
  readonly before: Readonly<Record<string, number>>;
  readonly after: Readonly<Record<string, number>>;
  readonly syntheticOrders: number;
  readonly syntheticRecords: number;
  /** Produce seconds, and first send → every view caught up on /health (the live projection's own rate). */
  readonly produceSeconds: number;
  readonly liveCatchUpSeconds: number | null;
}

/** The same topics read from offset 0 by a bare kafkajs consumer (fetch + JSON.parse, no validation, no database). */
export interface KafkaReadFigures {
  readonly records: number;
  /** connect → the last record read, and connect → the first batch (joining the group, the first fetch). */
  readonly seconds: number;
  readonly firstBatchSeconds: number;
  readonly recordsPerSecond: number;
}

export interface ProjectionBenchResult {
  readonly startedAt: string;
  readonly options: ProjectionBenchOptions;
  readonly load: LoadFigures;
  readonly lag: readonly LagRow[];
  readonly health: readonly HealthLag[];
  readonly log: LogFigures | null;
  readonly rebuilds: readonly RebuildRun[];
  readonly kafkaRead: KafkaReadFigures | null;
  readonly errors: readonly string[];
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const thousands = (n: number) => n.toLocaleString('en-US');

/** Per replayed record: CPU µs of the projection-service and PostgreSQL trees, rows written and commits. */
export function perRecord(run: RebuildRun) {
  const replayed = run.report?.replayed ?? 0;
  if (replayed === 0) return null;
  const per = (v: number | undefined) => (v === undefined ? null : v / replayed);
  return {
    projectionCpuUs: (per(run.cpuSeconds['projection-service']) ?? 0) * 1e6,
    postgresCpuUs: (per(run.cpuSeconds['postgres']) ?? 0) * 1e6,
    rowsWritten: per(run.projectionDb?.rowsWritten),
    commitsPer1000: run.projectionDb ? (run.projectionDb.commits / replayed) * 1000 : null,
  };
}

function rebuildTable(runs: readonly RebuildRun[]): string {
  return table(
    [
      'view',
      'mode',
      'replayed',
      'events/s (replay)',
      'replay s',
      'catch-up ms',
      'live held ms',
      'report total s',
      'job s',
      'rows',
      'equal',
    ],
    runs.map((r) => {
      const rep = r.report;
      if (!rep)
        return [
          r.view,
          r.mode,
          '–',
          '–',
          '–',
          '–',
          '–',
          '–',
          num(r.wallMs / 1000, 1),
          '–',
          r.error ?? 'failed',
        ];
      return [
        r.view,
        r.mode,
        thousands(rep.replayed),
        thousands(rep.eventsPerSecond),
        num(rep.millis.replay / 1000, 1),
        thousands(rep.millis.catchUp),
        thousands(rep.millis.locked),
        num(rep.millis.total / 1000, 1),
        num(r.wallMs / 1000, 1),
        Object.entries(rep.rows)
          .map(([t, n]) => `${t} ${thousands(n)}`)
          .join(', '),
        rep.equal === undefined ? '–' : rep.equal ? 'yes' : 'NO',
      ];
    }),
  );
}

function costTable(runs: readonly RebuildRun[]): string {
  return table(
    [
      'view',
      'mode',
      'projection-service cores',
      'postgres cores',
      'kafka cores',
      'other work cores',
      'CPU µs/record (projection + postgres)',
      'rows written/record',
      'commits/1000 records',
    ],
    runs.flatMap((r) => {
      const per = perRecord(r);
      if (!per) return [];
      const seconds = r.measuredMs / 1000;
      const cores = (name: string) => num((r.cpuSeconds[name] ?? 0) / seconds, 2);
      return [
        [
          r.view,
          r.mode,
          cores('projection-service'),
          cores('postgres'),
          cores('kafka'),
          num(r.otherCores, 2),
          `${num(per.projectionCpuUs)} + ${num(per.postgresCpuUs)}`,
          num(per.rowsWritten, 1),
          num(per.commitsPer1000, 1),
        ],
      ];
    }),
  );
}

function connectionTable(runs: readonly RebuildRun[]): string {
  return table(
    ['view', 'mode', 'samples', 'the rebuild connection was (share of samples)'],
    runs.map((r) => [
      r.view,
      r.mode,
      String(r.connection.samples),
      Object.entries(r.connection.shares)
        .map(([state, share]) => `${state} ${num(share * 100)} %`)
        .join(', '),
    ]),
  );
}

function topUpSentence(log: LogFigures): string {
  if (log.syntheticOrders === 0) {
    return `Records on the views' topics (high − low offset): already at least --events, no synthetic orders added.`;
  }
  const caughtUp =
    log.liveCatchUpSeconds === null
      ? 'the live projection did not catch up'
      : `the live projection had applied them all ${num(log.liveCatchUpSeconds, 1)} s after the first send`;
  return `Records on the views' topics (high − low offset) before and after the top-up with ${thousands(log.syntheticOrders)} synthetic orders (${thousands(log.syntheticRecords)} records, produced in ${num(log.produceSeconds, 1)} s; ${caughtUp}):`;
}

/** The markdown of one run (pure). */
export function projectionMarkdown(result: ProjectionBenchResult): string {
  const { options: o, load } = result;
  const lines = [
    `# Read side bench ${result.startedAt}`,
    '',
    `One run of \`npm run bench:projections -- --rate ${o.rate} --warmup ${o.warmup} --duration ${o.duration} --events ${o.events}\`.`,
    '',
    '## Load',
    '',
    `${load.offeredPerSecond} orders/s offered open loop for ${o.warmup} s of warm-up and ${load.measuredSeconds} s measured.`,
    '',
    table(
      [
        'sent',
        'accepted',
        'refused (503)',
        'errors',
        'completed sagas/s',
        'APPROVED',
        'REJECTED',
        'unfinished',
        '202 → end median / p99 ms',
        'stack cores',
        'other cores',
      ],
      [
        [
          String(load.sent),
          String(load.accepted),
          String(load.refused),
          String(load.errors),
          num(load.completedPerSecond, 1),
          String(load.approved),
          String(load.rejected),
          String(load.unfinished),
          load.sagaMs ? `${num(load.sagaMs.median)} / ${num(load.sagaMs.p99)}` : '–',
          num(load.stackCores, 2),
          num(load.otherCores, 2),
        ],
      ],
    ),
    '',
    '## Projection lag',
    '',
    'applied_at − event_time of every view change whose event time lies in the measured window (projection_db',
    "view_changes): from the producer's decision through its outbox, Debezium and Kafka to the statement that applied",
    'the event in the projection (`clock_timestamp()` inside the applying transaction, just before its commit).',
    '',
    table(
      ['view', 'source', 'changes', 'median ms', 'p95 ms', 'p99 ms', 'max ms'],
      result.lag.map((r) => [
        r.view,
        r.source,
        String(r.lagMs.count),
        num(r.lagMs.median),
        num(r.lagMs.p95),
        num(r.lagMs.p99),
        num(r.lagMs.max),
      ]),
    ),
    '',
    'GET /health `details.views`, sampled every second over the measured window:',
    '',
    table(
      [
        'view',
        'samples',
        'max records behind',
        'mean records behind',
        'max seconds behind',
        'samples behind',
      ],
      result.health.map((h) => [
        h.view,
        String(h.samples),
        String(h.maxRecords),
        num(h.meanRecords, 1),
        num(h.maxSeconds, 1),
        `${num(h.behindShare * 100)} %`,
      ]),
    ),
    '',
  ];
  if (result.log) {
    const { log } = result;
    const topics = Object.keys(log.after);
    lines.push(
      '## Rebuild from the log',
      '',
      topUpSentence(log),
      '',
      table(
        ['', ...topics, 'total'],
        [
          [
            'before',
            ...topics.map((t) => thousands(log.before[t] ?? 0)),
            thousands(sum(Object.values(log.before))),
          ],
          [
            'after',
            ...topics.map((t) => thousands(log.after[t] ?? 0)),
            thousands(sum(Object.values(log.after))),
          ],
        ],
      ),
      '',
      "Each view rebuilt (replay from offset 0 into scratch tables, catch up with the live position under a lock on the inbox, swap) and then verified (the same replay, compared row for row), through projection-service's admin endpoints. Figures from the job's report, except *job s*: POST → the job's `finishedAt` as the bench's polls saw it.",
      '',
      rebuildTable(result.rebuilds),
      '',
      '### Where the replay time goes',
      '',
      "CPU per process tree over each job's replay (PostgreSQL counts every backend, so other services' too), and",
      'projection_db rows written and transactions committed from the replay to the end of the job, per replayed',
      'record:',
      '',
      costTable(result.rebuilds),
      '',
      "What the replay's database connection was doing, sampled every 100 ms (pg_stat_activity): *postgres running*",
      'is a statement executing; *postgres IO:…* or *LWLock:…* one waiting (IO:WalSync is the commit flushing the WAL);',
      '*in transaction, waiting for the service* is PostgreSQL idle between two statements of a replay transaction',
      "while projection-service runs the handlers' code (or waits for a CPU); *between transactions* is no",
      'transaction open, while the service validates the next chunk or fetches from Kafka:',
      '',
      connectionTable(result.rebuilds),
      '',
    );
    if (result.kafkaRead) {
      lines.push(
        `The same topics read from offset 0 by a bare kafkajs consumer (fetch and JSON.parse only): ${thousands(result.kafkaRead.records)} records in ${num(result.kafkaRead.seconds, 1)} s from connect (first batch after ${num(result.kafkaRead.firstBatchSeconds, 1)} s), **${thousands(Math.round(result.kafkaRead.recordsPerSecond))} records/s**.`,
        '',
      );
    }
  }
  if (result.errors.length) lines.push('## Errors', '', ...result.errors.map((e) => `- ${e}`), '');
  return lines.join('\n');
}
