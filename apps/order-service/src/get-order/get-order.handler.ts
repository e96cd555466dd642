import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { toDomainEvent } from '../event-store/to-domain-event.js';
import { GetOrderQuery, type OrderState } from './get-order.query.js';

/** The order as its events say it is: replayed from the stream on every read, no separate state table. */
@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(private readonly eventStore: OrderEventStore) {}

  async execute({ orderId }: GetOrderQuery): Promise<OrderState | null> {
    const events = await this.eventStore.load(orderId);
    if (events.length === 0) return null;
    return OrderAggregate.fromHistory(events.map(toDomainEvent)).toState();
  }
}
