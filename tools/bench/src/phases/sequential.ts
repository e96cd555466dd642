import { wallMs, sleep } from '../clock.js';
import { type MeasuredOrder, outcomesOf, sagaLatencies } from '../analysis/step-figures.js';
import { postOrder } from '../load/post-order.js';
import { relayLagBetween } from '../probes/relay-lag.js';
import type { SequentialResult } from '../result-model.js';
import { happyPath, type SagaEnd } from '../saga/saga-tracker.js';
import { summarize } from '../stats.js';
import { type BenchContext, pruneRelaySamples } from './context.js';

const warmup = 5;
/** A saga that has not ended after this long counts as unfinished; three in a row end the phase. */
const sagaTimeoutMs = 30_000;

/** One saga at a time: the pipeline's latency without queueing. */
export async function runSequential(ctx: BenchContext, count: number): Promise<SequentialResult> {
  ctx.log(`▸ sequential sagas, ${count} (+${warmup} warm-up)`);
  const orders: MeasuredOrder[] = [];
  let from = 0;
  let stuck = 0;
  for (let i = 0; i < count + warmup && !ctx.signal.aborted && stuck < 3; i++) {
    if (i === warmup) {
      from = wallMs();
      pruneRelaySamples(ctx, from);
    }
    const post = await postOrder(ctx.orderUrl, ctx.nextBody(), ctx.signal);
    let end: SagaEnd | null = null;
    if (post.kind === 'accepted') {
      ctx.tracker.placed(post.orderId);
      end = await Promise.race([
        ctx.tracker.ended(post.orderId),
        sleep(sagaTimeoutMs, ctx.signal).then(() => null),
      ]);
      stuck = end ? 0 : stuck + 1;
    }
    if (i < warmup) continue;
    const trace = post.kind === 'accepted' ? ctx.tracker.trace(post.orderId) : null;
    orders.push({
      post,
      end,
      placedAt: trace?.events.get(happyPath[0]),
      rejecting: trace?.rejecting ?? null,
    });
  }
  if (stuck >= 3)
    throw new Error(`three sequential sagas in a row did not end within ${sagaTimeoutMs / 1000} s`);
  const approved = orders.filter((o) => o.end?.outcome === 'APPROVED' && o.post.kind === 'accepted');
  const stepsMs = Object.fromEntries(
    // The last pair (OrderShipmentScheduled → OrderApproved) is written in one transaction: no round trip.
    happyPath.slice(1, -1).map((type, i) => {
      const previous = happyPath[i]!;
      const gaps = approved.flatMap((o) => {
        const events = ctx.tracker.trace(o.post.kind === 'accepted' ? o.post.orderId : '').events;
        const a = events.get(previous);
        const b = events.get(type);
        return a !== undefined && b !== undefined ? [b - a] : [];
      });
      return [`${previous} → ${type}`, summarize(gaps)];
    }),
  );
  return {
    sagas: orders.length,
    outcomes: outcomesOf(orders),
    latencyMs: sagaLatencies(orders),
    stepsMs,
    relayLagMs: relayLagBetween(ctx.relaySamples, from, wallMs()),
  };
}
