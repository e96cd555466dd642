import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { GetOrderHistoryQuery, type OrderHistoryEntry } from './get-order-history.query.js';

/** The order's event stream as stored: what happened, in which order, when, and what caused it. */
@QueryHandler(GetOrderHistoryQuery)
export class GetOrderHistoryHandler implements IQueryHandler<GetOrderHistoryQuery> {
  constructor(private readonly eventStore: OrderEventStore) {}

  async execute({ orderId }: GetOrderHistoryQuery): Promise<OrderHistoryEntry[] | null> {
    const events = await this.eventStore.load(orderId);
    if (events.length === 0) return null;
    return events.map((event) => ({
      version: event.version,
      type: event.type,
      occurredAt: event.occurredAt.toISOString(),
      eventId: event.eventId,
      correlationId: event.correlationId,
      causationId: event.causationId,
      payload: event.payload,
    }));
  }
}
