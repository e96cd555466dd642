import type { ReplayedOrder } from '../event-store/order-from-stream.js';

/** One field on which the order replayed from the log and the order GET serves disagree. */
export interface FieldDifference {
  /** Dotted path into the order, e.g. `status`, `items.0.quantity`, `rejectionReason.code`. */
  readonly path: string;
  /** The value replayed from the log; undefined when the log side has no such field or element. */
  readonly log: unknown;
  /** The value GET serves; undefined when it has no such field or element. */
  readonly served: unknown;
}

/**
 * The fields GET /orders/{id} and the replay both produce: everything the aggregate's state holds (status,
 * customerId, items, total, rejectionReason, the ids of payment, reservation and shipment, compensations, placedAt,
 * updatedAt, version = number of events). Not the `saga` block: it is the saga's own table, not the order's events.
 */
export const comparedFields = (replayed: ReplayedOrder): readonly (keyof ReplayedOrder)[] =>
  Object.keys(replayed) as (keyof ReplayedOrder)[];

/** Every difference between the replayed order and the served one, field by field, depth first (pure). */
export function compareOrder(
  replayed: ReplayedOrder,
  served: Readonly<Record<string, unknown>>,
): FieldDifference[] {
  const differences: FieldDifference[] = [];
  for (const field of comparedFields(replayed)) {
    diff(field, replayed[field], Object.hasOwn(served, field) ? served[field] : undefined, differences);
  }
  return differences;
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function diff(path: string, log: unknown, served: unknown, into: FieldDifference[]): void {
  if (Array.isArray(log) && Array.isArray(served)) {
    for (let i = 0; i < Math.max(log.length, served.length); i += 1)
      diff(`${path}.${i}`, log[i], served[i], into);
    return;
  }
  if (isRecord(log) && isRecord(served)) {
    for (const key of new Set([...Object.keys(log), ...Object.keys(served)]))
      diff(`${path}.${key}`, log[key], served[key], into);
    return;
  }
  if (!Object.is(log, served)) into.push({ path, log, served });
}

/** An event that only one side holds, named by its place in that side's stream. */
export interface OneSidedEvent {
  readonly version: number;
  readonly type: string;
  readonly eventId: string;
}

export interface StreamDifference {
  /** In order_events (GET's history) but not on the log: never published, or published after the replay read. */
  readonly onlyServed: readonly OneSidedEvent[];
  /** On the log but not in order_events. */
  readonly onlyInLog: readonly OneSidedEvent[];
}

/** Which events, by event id, one side has and the other has not (pure). */
export function compareStreams(
  log: readonly OneSidedEvent[],
  served: readonly OneSidedEvent[],
): StreamDifference {
  const logIds = new Set(log.map((event) => event.eventId));
  const servedIds = new Set(served.map((event) => event.eventId));
  const pick = ({ version, type, eventId }: OneSidedEvent) => ({ version, type, eventId });
  return {
    onlyServed: served.filter((event) => !logIds.has(event.eventId)).map(pick),
    onlyInLog: log.filter((event) => !servedIds.has(event.eventId)).map(pick),
  };
}
