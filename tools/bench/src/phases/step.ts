import { type MeasuredOrder, stepResult } from '../analysis/step-figures.js';
import { sleep, wallMs } from '../clock.js';
import { deadLetterTopicNames, relayedTopicNames } from '../kafka/relayed-topics.js';
import { endOffsetTotals, offsetDelta } from '../kafka/offsets.js';
import { runOpenLoop } from '../load/open-loop.js';
import { postOrder } from '../load/post-order.js';
import { startLagSampler } from '../probes/consumer-lag.js';
import { cpuBetween, cpuSnapshot } from '../probes/cpu.js';
import { transactionsBetween } from '../probes/pg-transactions.js';
import { pssSnapshot } from '../probes/pss.js';
import { relayLagBetween } from '../probes/relay-lag.js';
import type { StepPhase, StepResult } from '../result-model.js';
import { happyPath } from '../saga/saga-tracker.js';
import { stepLabel } from '../report/format.js';
import { type BenchContext, pruneRelaySamples } from './context.js';

export interface StepSpec {
  readonly phase: StepPhase;
  readonly rate: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  /** The order bodies of this step; default: the run's (round robin over the bench SKUs). */
  readonly nextBody?: () => string;
}

const topics = [...relayedTopicNames, ...deadLetterTopicNames];

async function readCounters(ctx: BenchContext) {
  const cpu = cpuSnapshot(ctx.processes);
  const [transactions, offsets] = await Promise.all([ctx.txProbe.read(), endOffsetTotals(ctx.admin, topics)]);
  return { cpu, transactions, offsets };
}

/**
 * Earlier phases' sagas still running would be counted as this step's load: wait (up to the drain time) until
 * none is left. What is still running then is recorded by the caller as carried over.
 */
export async function settle(ctx: BenchContext): Promise<number> {
  const until = wallMs() + ctx.options.drain * 1000;
  while (ctx.tracker.inFlight > 0 && wallMs() < until && !ctx.signal.aborted) await sleep(200, ctx.signal);
  await sleep(1_000, ctx.signal);
  return ctx.tracker.inFlight;
}

/**
 * One open-loop step: `rate` orders/s for warm-up + duration, measured from the end of the warm-up until every
 * measured saga has ended (or the drain time after the last POST has run out).
 */
export async function runStep(ctx: BenchContext, spec: StepSpec): Promise<StepResult> {
  const carriedOver = await settle(ctx);
  ctx.log(
    `▸ ${stepLabel({ phase: spec.phase, offeredPerSecond: spec.rate })} offered: ${spec.warmupSeconds} s warm-up + ${spec.durationSeconds} s` +
      (carriedOver ? ` (${carriedOver} sagas of earlier steps still running)` : ''),
  );
  const nextBody = spec.nextBody ?? ctx.nextBody;
  const loopStarted = wallMs();
  const loop = runOpenLoop(
    { rate: spec.rate, warmupSeconds: spec.warmupSeconds, durationSeconds: spec.durationSeconds },
    async () => {
      const result = await postOrder(ctx.orderUrl, nextBody(), ctx.signal);
      if (result.kind === 'accepted') ctx.tracker.placed(result.orderId);
      return result;
    },
    ctx.signal,
  );
  const measureFrom = loopStarted + spec.warmupSeconds * 1000;
  await sleep(measureFrom - wallMs(), ctx.signal);
  pruneRelaySamples(ctx, measureFrom);
  const start = await readCounters(ctx);
  const lag = startLagSampler(ctx.admin, ctx.groups);

  const { orders, endedAt } = await loop;
  const pss = pssSnapshot(ctx.processes);
  const pgConnections = await ctx.txProbe.connections().catch(() => ({}));
  const posts = await Promise.all(orders.map(async (o) => ({ measured: o.measured, post: await o.result })));
  const measured = posts.filter((p) => p.measured).map((p) => p.post);
  const own = posts.flatMap(({ post }) => (post.kind === 'accepted' ? [post.orderId] : []));
  const accepted = measured.flatMap((p) => (p.kind === 'accepted' ? [p.orderId] : []));
  await Promise.race([
    Promise.all(accepted.map((id) => ctx.tracker.ended(id))),
    sleep(endedAt + ctx.options.drain * 1000 - wallMs(), ctx.signal),
  ]);
  const end = await readCounters(ctx);
  const windowEnd = end.cpu.at;
  const consumerLag = await lag.stop();

  const measuredOrders: MeasuredOrder[] = measured.map((post) => {
    const trace = post.kind === 'accepted' ? ctx.tracker.trace(post.orderId) : null;
    const sagaEnd = trace?.end && trace.end.observedAt <= windowEnd ? trace.end : null;
    return {
      post,
      end: sagaEnd,
      placedAt: trace?.events.get(happyPath[0]),
      rejecting: trace?.rejecting ?? null,
    };
  });
  const offsets = offsetDelta(start.offsets, end.offsets);
  const figures = stepResult(
    {
      phase: spec.phase,
      offeredPerSecond: spec.rate,
      warmupSeconds: spec.warmupSeconds,
      durationSeconds: spec.durationSeconds,
      carriedOver,
      measureFrom,
      windowEnd,
      orders: measuredOrders,
      stepSagasInWindow: own.filter((id) => {
        const at = ctx.tracker.trace(id).end?.observedAt;
        return at !== undefined && at >= measureFrom && at <= windowEnd;
      }).length,
      sagasInWindow: ctx.tracker.endsBetween(measureFrom, windowEnd),
      cpu: cpuBetween(start.cpu, end.cpu, ctx.cores),
      transactions: transactionsBetween(start.transactions, end.transactions),
      relayed: {
        messages: relayedTopicNames.reduce((t, topic) => t + (offsets.perTopic[topic] ?? 0), 0),
        deadLettered: deadLetterTopicNames.reduce((t, topic) => t + (offsets.perTopic[topic] ?? 0), 0),
      },
      consumerLag,
      relayLag: relayLagBetween(ctx.relaySamples, measureFrom, windowEnd),
      pss,
      pgConnections,
    },
    { minCompletedShare: 0.9, p99BoundMs: ctx.options.p99Bound },
  );
  const result: StepResult = {
    ...figures,
    labelsRendered: ctx.labelsRendered.filter((at) => at >= measureFrom && at <= windowEnd).length,
  };
  ctx.log(
    `  completed ${result.completedPerSecond.toFixed(1)}/s, ${result.posts.accepted} accepted, ${result.posts.refused} refused, ` +
      `p50/p99 ${result.latencyMs.client ? `${Math.round(result.latencyMs.client.median)}/${Math.round(result.latencyMs.client.p99)} ms` : '–'}, ` +
      `${result.labelsRendered} labels, stack ${result.cpu.stackCores.toFixed(2)} cores → ${result.verdict.saturated ? `saturated (${result.verdict.reasons.join('; ')})` : 'held'}`,
  );
  return result;
}
