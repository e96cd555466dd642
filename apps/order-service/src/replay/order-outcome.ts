import { type ReplayedOrder, orderFromStream } from '../event-store/order-from-stream.js';
import { type FieldDifference, type StreamDifference, compareOrder } from './compare-order.js';
import type { LogEvent } from './order-log.js';
import type { ServedOrder } from './order-service-client.js';

/** What the replay found for one order. */
export type OrderOutcome =
  /** The order folded from the log equals what GET serves, field for field. */
  | { readonly kind: 'match'; readonly orderId: string; readonly replayed: ReplayedOrder }
  | {
      readonly kind: 'mismatch';
      readonly orderId: string;
      readonly replayed: ReplayedOrder;
      readonly servedVersion: number | undefined;
      readonly differences: readonly FieldDifference[];
      /** Which events each side has that the other has not (from GET /orders/{id}/history), once looked up. */
      readonly streams?: StreamDifference;
    }
  /** The log has the order, GET answers 404: its events reached Kafka but not order_events (or GET's database). */
  | {
      readonly kind: 'unknown-to-get';
      readonly orderId: string;
      readonly events: number;
      readonly firstPosition: string;
    }
  /** Named with --order; GET knows it, the log has none of its events. */
  | {
      readonly kind: 'not-in-log';
      readonly orderId: string;
      readonly servedVersion: number | undefined;
      readonly streams?: StreamDifference;
    }
  /** Named with --order; neither the log nor GET knows it. */
  | { readonly kind: 'not-found'; readonly orderId: string };

const versionOf = (served: Readonly<Record<string, unknown>>) =>
  typeof served.version === 'number' ? served.version : undefined;

/** Folds the order's events from the log (if it has any) and sets them against GET's answer (pure). */
export function judgeOrder(
  orderId: string,
  stream: readonly LogEvent[] | undefined,
  served: ServedOrder,
): OrderOutcome {
  if (!stream || stream.length === 0) {
    return served.found
      ? { kind: 'not-in-log', orderId, servedVersion: versionOf(served.order) }
      : { kind: 'not-found', orderId };
  }
  if (!served.found)
    return { kind: 'unknown-to-get', orderId, events: stream.length, firstPosition: stream[0]!.position };
  const replayed = orderFromStream(stream);
  const differences = compareOrder(replayed, served.order);
  if (differences.length === 0) return { kind: 'match', orderId, replayed };
  return { kind: 'mismatch', orderId, replayed, servedVersion: versionOf(served.order), differences };
}

/**
 * Whether GET shows more events than the log had when it was read: the order may have moved on since (its new events
 * not read yet), so the replay reads on before it calls this a difference.
 */
export const servedIsAhead = (outcome: OrderOutcome): boolean =>
  (outcome.kind === 'mismatch' &&
    outcome.servedVersion !== undefined &&
    outcome.servedVersion > outcome.replayed.version) ||
  outcome.kind === 'not-in-log';

export const isMatch = (outcome: OrderOutcome): boolean => outcome.kind === 'match';
