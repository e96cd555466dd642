/**
 * The shape of one bench run's JSON (bench/results/<UTC time>.json): every figure the markdown and the chart show
 * comes from here, so a result file can be re-rendered and compared later.
 */
import type { BenchOptions } from './options.js';
import type { LagFigures } from './probes/consumer-lag.js';
import type { CpuUse } from './probes/cpu.js';
import type { PssSnapshot } from './probes/pss.js';
import type { RelayLagFigures } from './probes/relay-lag.js';
import type { Summary } from './stats.js';

export interface Outcomes {
  readonly approved: number;
  /** Rejected for another reason than a timeout, by "STEP CODE" (bench orders should have none). */
  readonly rejected: Readonly<Record<string, number>>;
  /** Rejected with TIMEOUT (or a rejection with TIMEOUT under way at the end of the drain): failures. */
  readonly timedOut: number;
  /** Accepted but not finished when the drain ended: failures. */
  readonly unfinished: number;
}

export interface Posts {
  readonly offered: number;
  readonly accepted: number;
  /** 503 answers: refused at the door, never retried. */
  readonly refused: number;
  /** Anything else than 202 or 503, or no answer: failures. */
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly retryAfterSeconds: Summary | null;
  /** POST sent → answer received (202 or 503). */
  readonly answerMs: Summary | null;
}

export interface PerSaga {
  /** All processes' CPU in the window ÷ sagas ended in it, in ms. */
  readonly cpuMs: number | null;
  /** pg_stat_database xact_commit over the service databases ÷ sagas. */
  readonly xactCommit: number | null;
  /** Transactions that wrote (got a transaction id), cluster-wide ÷ sagas. */
  readonly writeTransactions: number | null;
  /** Records on the relayed topics ÷ sagas. */
  readonly relayedMessages: number | null;
}

/** rate: a fixed --rates step; ramp: a step of the search for the ceiling; flash-sale: every order on one SKU. */
export type StepPhase = 'rate' | 'ramp' | 'flash-sale';

export interface StepResult {
  readonly phase: StepPhase;
  readonly offeredPerSecond: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  /** Sagas of earlier phases still running when the step began (they load it, and their ends count in it). */
  readonly carriedOver: number;
  /** Measurement window: end of warm-up → the last measured saga ended (or the drain ran out), seconds. */
  readonly windowSeconds: number;
  readonly posts: Posts;
  readonly outcomes: Outcomes;
  /** Sagas (any bench order) that ended in the window ÷ its length. */
  readonly completedPerSecond: number;
  readonly latencyMs: {
    /** 202 received → the terminal event read from order.events (bench clock), APPROVED only. */
    readonly client: Summary | null;
    /** OrderPlaced.occurredAt → OrderApproved.occurredAt (order-service clock), APPROVED only. */
    readonly server: Summary | null;
  };
  readonly relayLagMs: RelayLagFigures;
  readonly consumerLag: Readonly<Record<string, LagFigures>>;
  readonly cpu: CpuUse;
  readonly perSaga: PerSaga;
  readonly sagasInWindow: number;
  readonly transactions: { readonly xactCommit: number; readonly writeTransactions: number };
  readonly relayed: { readonly messages: number; readonly deadLettered: number };
  /** PSS at the end of the offered load. */
  readonly pss: PssSnapshot;
  /** Connections to the service databases per application at the end of the offered load. */
  readonly pgConnections: Readonly<Record<string, number>>;
  /** ShippingLabelRendered events the bench read in the window (label workers at work); absent in older results. */
  readonly labelsRendered?: number;
  readonly verdict: { readonly saturated: boolean; readonly reasons: readonly string[] };
}

export interface SequentialResult {
  readonly sagas: number;
  readonly outcomes: Outcomes;
  readonly latencyMs: { readonly client: Summary | null; readonly server: Summary | null };
  /** Between consecutive happy-path events (one participant round trip each), server clock. */
  readonly stepsMs: Readonly<Record<string, Summary | null>>;
  readonly relayLagMs: RelayLagFigures;
}

export interface IdleResult {
  readonly seconds: number;
  readonly cpu: CpuUse;
  readonly pss: PssSnapshot;
}

export interface PgCommitCeiling {
  readonly connections: number;
  readonly seconds: number;
  readonly commits: number;
  readonly commitsPerSecond: number;
  readonly transactionMs: Summary | null;
  readonly shape: string;
  readonly durability: Readonly<Record<string, string>>;
  readonly error?: string;
}

export interface KafkaRoundTrip {
  readonly lowRate: {
    readonly perSecond: number;
    readonly messages: number;
    readonly latencyMs: Summary | null;
  };
  readonly throughput: {
    readonly seconds: number;
    readonly messages: number;
    readonly messagesPerSecond: number;
    readonly batchSize: number;
  };
  readonly client: string;
  readonly error?: string;
}

export interface Ceiling {
  /** Highest completed sagas/s of a step that held (not saturated); null when none held. */
  readonly sagasPerSecond: number | null;
  readonly atOfferedPerSecond: number | null;
  /** Why the ramp stopped. */
  readonly stoppedBecause: string;
  /** The best completed rate of any step, held or not. */
  readonly bestCompletedPerSecond: number;
}

export interface Ratios {
  /** Per step, in step order. */
  readonly steps: readonly StepRatios[];
  readonly sequential: {
    readonly medianVsKafkaHops: number | null;
    readonly hops: number;
  };
}

export interface StepRatios {
  readonly offeredPerSecond: number;
  readonly phase: StepPhase;
  /** completed/s × write transactions per saga ÷ commit ceiling. */
  readonly commitsVsCeiling: number | null;
  /** completed/s × relayed messages per saga ÷ kafkajs max messages/s. */
  readonly messagesVsKafkaMax: number | null;
  /** Server-side median (p99) ÷ (hops × Kafka round trip median (p99)). */
  readonly latencyMedianVsKafkaHops: number | null;
  readonly latencyP99VsKafkaHops: number | null;
  /** Relay lag median (record timestamp) ÷ Kafka round trip median. */
  readonly relayLagVsKafkaRoundTrip: number | null;
  /** Stack cores ÷ machine cores. */
  readonly cpuVsMachine: number | null;
  /** completed/s ÷ the run's ceiling. */
  readonly completedVsCeiling: number | null;
}

export interface TargetRow {
  readonly figure: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | null;
}

/** The commit the measured system was built from. */
export interface CommitInfo {
  readonly sha: string;
  readonly subject: string;
  /** Uncommitted changes outside the bench harness (tools/bench, tools/system): the system measured is not `sha`. */
  readonly dirty: boolean;
  /** Uncommitted changes in the harness itself (in a --compare baseline: this tree's harness copied in). */
  readonly harnessDirty: boolean;
}

/** The flash sale: a step whose orders all take one SKU, against the step of the spread SKUs at the same rate. */
export interface FlashSaleResult {
  readonly step: StepResult;
  /** The spread-SKU step it is compared with (the ceiling's, else the fixed step at that rate); null: none. */
  readonly reference: {
    readonly offeredPerSecond: number;
    readonly completedPerSecond: number;
    readonly skus: number;
  } | null;
  /** Flash-sale completed/s ÷ the reference's completed/s. */
  readonly completedVsSpread: number | null;
}

export interface BenchResult {
  readonly format: 'edr-bench/1';
  /** Absent in results written before it was recorded. */
  readonly commit?: CommitInfo;
  /** The apps measured (services and worker instances), and those left out by --without. */
  readonly system?: { readonly processes: readonly string[]; readonly without: readonly string[] };
  /** ShippingLabelRendered events read over the whole run. */
  readonly labelsRendered?: number;
  readonly flashSale?: FlashSaleResult | null;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationSeconds: number;
  readonly options: BenchOptions;
  readonly machine: Readonly<Record<string, unknown>>;
  readonly versions: Readonly<Record<string, string>>;
  readonly settings: Readonly<Record<string, unknown>>;
  /** What each figure measures, in words (relay lag above all). */
  readonly definitions: Readonly<Record<string, string>>;
  readonly idle: IdleResult | null;
  readonly baselines: { readonly pgCommitCeiling: PgCommitCeiling; readonly kafkaRoundTrip: KafkaRoundTrip };
  readonly sequential: SequentialResult | null;
  readonly steps: readonly StepResult[];
  readonly ceiling: Ceiling;
  readonly ratios: Ratios;
  readonly targets: readonly TargetRow[];
  /** The largest PSS per process seen in the run (idle and at the end of every step). */
  readonly pssPeak: PssSnapshot | null;
  /** Phases that failed (the rest of the run went on). */
  readonly errors: readonly string[];
}
