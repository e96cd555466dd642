import { FailureCodes, type RejectionReason } from '@edr/contracts';
import type { PostResult } from '../load/post-order.js';
import type { LagFigures } from '../probes/consumer-lag.js';
import type { CpuUse } from '../probes/cpu.js';
import type { PssSnapshot } from '../probes/pss.js';
import type { RelayLagFigures } from '../probes/relay-lag.js';
import type { Outcomes, Posts, StepPhase, StepResult } from '../result-model.js';
import type { SagaEnd } from '../saga/saga-tracker.js';
import { ratio, summarize } from '../stats.js';
import { type SaturationBounds, verdict } from './ramp.js';

/** One measured order: its POST, and what order.events said about it by the end of the window. */
export interface MeasuredOrder {
  readonly post: PostResult;
  readonly end: SagaEnd | null;
  /** occurredAt of its OrderPlaced, if seen. */
  readonly placedAt: number | undefined;
  readonly rejecting: RejectionReason | null;
}

const isTimeout = (reason: RejectionReason | null) => reason?.code === FailureCodes.timeout;

export function outcomesOf(orders: readonly MeasuredOrder[]): Outcomes {
  let approved = 0;
  let timedOut = 0;
  let unfinished = 0;
  const rejected: Record<string, number> = {};
  for (const order of orders) {
    if (order.post.kind !== 'accepted') continue;
    if (order.end?.outcome === 'APPROVED') approved++;
    else if (isTimeout(order.end?.reason ?? order.rejecting)) timedOut++;
    else if (order.end) {
      const key = order.end.reason ? `${order.end.reason.step} ${order.end.reason.code}` : 'REJECTED';
      rejected[key] = (rejected[key] ?? 0) + 1;
    } else unfinished++;
  }
  return { approved, rejected, timedOut, unfinished };
}

export function postsOf(orders: readonly MeasuredOrder[]): Posts {
  const posts = orders.map((o) => o.post);
  const errors = posts.flatMap((p) => (p.kind === 'error' ? [p.error] : []));
  return {
    offered: posts.length,
    accepted: posts.filter((p) => p.kind === 'accepted').length,
    refused: posts.filter((p) => p.kind === 'refused').length,
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 5),
    retryAfterSeconds: summarize(
      posts.flatMap((p) => (p.kind === 'refused' && p.retryAfter !== null ? [p.retryAfter] : [])),
    ),
    answerMs: summarize(
      posts.flatMap((p) =>
        p.kind === 'accepted'
          ? [p.acceptedAt - p.sentAt]
          : p.kind === 'refused'
            ? [p.answeredAt - p.sentAt]
            : [],
      ),
    ),
  };
}

/** Latency of the approved sagas: seen by the client (202 → terminal event read) and by the server (event times). */
export function sagaLatencies(orders: readonly MeasuredOrder[]) {
  const approved = orders.filter((o) => o.post.kind === 'accepted' && o.end?.outcome === 'APPROVED');
  return {
    client: summarize(
      approved.map((o) => o.end!.observedAt - (o.post.kind === 'accepted' ? o.post.acceptedAt : NaN)),
    ),
    server: summarize(
      approved
        .filter((o) => o.placedAt !== undefined && Number.isFinite(o.placedAt))
        .map((o) => o.end!.occurredAt - o.placedAt!),
    ),
  };
}

export interface StepRaw {
  readonly phase: StepPhase;
  readonly offeredPerSecond: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly carriedOver: number;
  readonly measureFrom: number;
  readonly windowEnd: number;
  readonly orders: readonly MeasuredOrder[];
  /** Saga ends of this step's own orders (warm-up ones included) in the window: its throughput. */
  readonly stepSagasInWindow: number;
  /** Saga ends of any bench order in the window (earlier steps' backlog too): what the window's work is divided by. */
  readonly sagasInWindow: number;
  readonly cpu: CpuUse;
  readonly transactions: { readonly xactCommit: number; readonly writeTransactions: number };
  readonly relayed: { readonly messages: number; readonly deadLettered: number };
  readonly consumerLag: Readonly<Record<string, LagFigures>>;
  readonly relayLag: RelayLagFigures;
  readonly pss: PssSnapshot;
  readonly pgConnections: Readonly<Record<string, number>>;
}

export function stepResult(raw: StepRaw, bounds: SaturationBounds): StepResult {
  const windowSeconds = (raw.windowEnd - raw.measureFrom) / 1000;
  const posts = postsOf(raw.orders);
  const outcomes = outcomesOf(raw.orders);
  const latencyMs = sagaLatencies(raw.orders);
  const completedPerSecond = windowSeconds > 0 ? raw.stepSagasInWindow / windowSeconds : 0;
  const sagas = raw.sagasInWindow;
  return {
    phase: raw.phase,
    offeredPerSecond: raw.offeredPerSecond,
    warmupSeconds: raw.warmupSeconds,
    durationSeconds: raw.durationSeconds,
    carriedOver: raw.carriedOver,
    windowSeconds,
    posts,
    outcomes,
    completedPerSecond,
    latencyMs,
    relayLagMs: raw.relayLag,
    consumerLag: raw.consumerLag,
    cpu: raw.cpu,
    perSaga: {
      cpuMs: ratio(raw.cpu.stackCpuSeconds * 1000, sagas),
      xactCommit: ratio(raw.transactions.xactCommit, sagas),
      writeTransactions: ratio(raw.transactions.writeTransactions, sagas),
      relayedMessages: ratio(raw.relayed.messages, sagas),
    },
    sagasInWindow: sagas,
    transactions: raw.transactions,
    relayed: raw.relayed,
    pss: raw.pss,
    pgConnections: raw.pgConnections,
    verdict: verdict(
      {
        offeredPerSecond: raw.offeredPerSecond,
        completedPerSecond,
        clientP99Ms: latencyMs.client?.p99 ?? null,
        approved: outcomes.approved,
        timedOut: outcomes.timedOut,
        unfinished: outcomes.unfinished,
        errors: posts.errors,
      },
      bounds,
    ),
  };
}
