import { OrderAggregate } from '../domain/order.aggregate.js';
import type { StoredEvent } from './order-event-store.js';
import { toDomainEvent } from './to-domain-event.js';

/** The order's state after `events` (in version order), as GET /orders/{id} serves it. */
export type ReplayedOrder = ReturnType<OrderAggregate['toState']>;

/**
 * Folds an order's stream into its state: the one fold behind GET /orders/{id} (events from order_events) and
 * `npm run orders -- replay` (events from order.events), so the two can only disagree about the events, never about
 * what they mean.
 */
export const orderFromStream = (events: readonly StoredEvent[]): ReplayedOrder =>
  OrderAggregate.fromHistory(
    events.map(toDomainEvent),
    events.map((event) => event.occurredAt.toISOString()),
  ).toState();
