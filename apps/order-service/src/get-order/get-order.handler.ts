import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { orderFromStream } from '../event-store/order-from-stream.js';
import { OrderSagaRepository } from '../saga/order-saga.repository.js';
import { GetOrderQuery, type OrderState } from './get-order.query.js';

/** The order as its events say it is: replayed from the stream on every read, no separate state table. */
@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: OrderEventStore,
    private readonly sagas: OrderSagaRepository,
  ) {}

  execute(query: GetOrderQuery): Promise<OrderState | null> {
    // One snapshot for the events and the saga row: they are committed together, and read apart a reader could see
    // a REJECTED saga next to an order that is still COMPENSATING.
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.read(query, manager));
  }

  private async read({ orderId, at }: GetOrderQuery, manager: EntityManager): Promise<OrderState | null> {
    const events = await this.eventStore.load(orderId, at ?? undefined, manager);
    if (events.length === 0) return null;
    const order = orderFromStream(events);
    if (at) return { ...order, asOf: at.toISOString() };
    const saga = await this.sagas.find(orderId, manager);
    return {
      ...order,
      saga: saga && {
        phase: saga.phase,
        step: saga.step,
        attempts: saga.attempts,
        deadlineAt: saga.deadlineAt,
        completedSteps: saga.completedSteps,
        pendingCompensations: saga.pendingCompensations,
        doneCompensations: saga.doneCompensations,
      },
    };
  }
}
