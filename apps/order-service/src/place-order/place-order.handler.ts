import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CorrelationContext } from '@edr/messaging';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { orderEventEnvelopes } from '../event-store/order-event-envelopes.js';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { toDomainEvent } from '../event-store/to-domain-event.js';
import { OrderSagaRunner } from '../saga/order-saga.runner.js';
import { claimIdempotencyKey, requestHash } from './idempotency.js';
import { PlaceOrderCommand, type PlaceOrderResult } from './place-order.command.js';

/**
 * One transaction: claim the idempotency key, append OrderPlaced to the order's stream and start the saga (its row,
 * already waiting for PAYMENT attempt 1; OrderPlaced and AuthorizePayment in the outbox, in one write). Either all
 * of it is committed or none of it, so no placed order is ever left without its saga under way.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: OrderEventStore,
    private readonly saga: OrderSagaRunner,
  ) {}

  async execute({ request, idempotencyKey }: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const correlation = CorrelationContext.current();
    const correlationId = correlation?.correlationId ?? randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const orderId = randomUUID();
      if (idempotencyKey) {
        const existingId = await claimIdempotencyKey(manager, idempotencyKey, requestHash(request), orderId);
        if (existingId) {
          const existing = OrderAggregate.fromHistory(
            (await this.eventStore.load(existingId, undefined, manager)).map(toDomainEvent),
          );
          return { orderId: existingId, status: existing.status, replayed: true };
        }
      }
      const now = new Date();
      const order = OrderAggregate.place({ orderId, ...request, placedAt: now });
      const cause = {
        eventId: correlation?.causationId ?? null,
        traceparent: correlation?.traceparent ?? null,
      };
      const envelopes = orderEventEnvelopes(orderId, order.getUncommittedEvents(), {
        correlationId,
        causationId: cause.eventId,
        occurredAt: now,
      });
      await this.eventStore.append(manager, orderId, 0, envelopes);
      await this.saga.start(manager, order, envelopes, correlationId, cause, now);
      order.uncommit();
      return { orderId, status: order.status, replayed: false };
    });
  }
}
