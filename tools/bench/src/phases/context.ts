import type { Admin, Kafka } from 'kafkajs';
import type { BenchOptions } from '../options.js';
import type { MeasuredProcess } from '../probes/measured-processes.js';
import type { TransactionProbe } from '../probes/pg-transactions.js';
import type { RelaySample } from '../probes/relay-lag.js';
import type { SagaTracker } from '../saga/saga-tracker.js';

/** What every phase of a run uses: the stack's addresses, the probes, the saga watcher. */
export interface BenchContext {
  readonly options: BenchOptions;
  /** Aborted by Ctrl-C: phases stop sending and return. */
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  readonly orderUrl: string;
  readonly nextBody: () => string;
  readonly tracker: SagaTracker;
  /** Relay samples of every record the bench consumer saw; each phase reads its window and prunes before it. */
  readonly relaySamples: RelaySample[];
  readonly processes: readonly MeasuredProcess[];
  readonly cores: number;
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly groups: readonly string[];
  readonly txProbe: TransactionProbe;
  /** When the bench read each ShippingLabelRendered event (wall ms): the label workers' output. */
  readonly labelsRendered: number[];
}

/** Drops relay samples older than `before` (they belong to an earlier phase). */
export function pruneRelaySamples(ctx: BenchContext, before: number): void {
  const keep = ctx.relaySamples.filter((s) => s.receivedAt >= before);
  ctx.relaySamples.length = 0;
  ctx.relaySamples.push(...keep);
}
