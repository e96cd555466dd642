import { sleep, wallMs } from '../clock.js';
import type { PostResult } from './post-order.js';

export interface OpenLoopPlan {
  /** Orders per second. */
  readonly rate: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
}

/** When each order of a plan is due, in ms after the start, and whether it is measured (sent after the warm-up). */
export function schedule(plan: OpenLoopPlan): { readonly dueMs: number; readonly measured: boolean }[] {
  const count = Math.round(plan.rate * (plan.warmupSeconds + plan.durationSeconds));
  const warmupMs = plan.warmupSeconds * 1000;
  return Array.from({ length: count }, (_, i) => {
    const dueMs = (i * 1000) / plan.rate;
    return { dueMs, measured: dueMs >= warmupMs };
  });
}

export interface SentOrder {
  readonly measured: boolean;
  readonly result: Promise<PostResult>;
}

/**
 * Sends orders on schedule whatever the answers (open loop): a slow stack gets the same offered load, so queueing
 * shows in the latencies instead of lowering the rate. A late timer sends everything already due at once.
 */
export async function runOpenLoop(
  plan: OpenLoopPlan,
  send: () => Promise<PostResult>,
  signal: AbortSignal,
): Promise<{ startedAt: number; endedAt: number; orders: SentOrder[] }> {
  const startedAt = wallMs();
  const orders: SentOrder[] = [];
  for (const { dueMs, measured } of schedule(plan)) {
    if (signal.aborted) break;
    const wait = startedAt + dueMs - wallMs();
    if (wait > 1) await sleep(wait, signal);
    orders.push({ measured, result: send() });
  }
  return { startedAt, endedAt: startedAt + (plan.warmupSeconds + plan.durationSeconds) * 1000, orders };
}
