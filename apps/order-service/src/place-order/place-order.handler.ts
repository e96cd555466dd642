import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { CorrelationContext } from '@edr/messaging';
import { writeToOutbox } from '@edr/outbox';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { orderEventEnvelopes } from '../event-store/order-event-envelopes.js';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { toDomainEvent } from '../event-store/to-domain-event.js';
import { SERVICE_CONFIG } from '@edr/config';
import type { OrderConfig } from '../order.config.js';
import { OrderSagaRepository } from '../saga/order-saga.repository.js';
import { newSagaState } from '../saga/order-saga.state.js';
import { claimIdempotencyKey, requestHash } from './idempotency.js';
import { PlaceOrderCommand, type PlaceOrderResult } from './place-order.command.js';

/**
 * One transaction: claim the idempotency key, append OrderPlaced to the order's stream, write it to the outbox and
 * create the order's saga row. Either all of it is committed or none of it. The saga is then started in process
 * (OrderPlaced on the EventBus); the saga row's start deadline covers a crash between the commit and that start.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: OrderEventStore,
    private readonly sagas: OrderSagaRepository,
    private readonly eventBus: EventBus,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
  ) {}

  async execute({ request, idempotencyKey }: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const correlation = CorrelationContext.current();
    const correlationId = correlation?.correlationId ?? randomUUID();
    const placed = await this.dataSource.transaction(async (manager) => {
      const orderId = randomUUID();
      if (idempotencyKey) {
        const existingId = await claimIdempotencyKey(manager, idempotencyKey, requestHash(request), orderId);
        if (existingId) {
          const existing = OrderAggregate.fromHistory(
            (await this.eventStore.load(existingId, undefined, manager)).map(toDomainEvent),
          );
          return { result: { orderId: existingId, status: existing.status, replayed: true }, events: [] };
        }
      }
      const now = new Date();
      const order = OrderAggregate.place({ orderId, ...request, placedAt: now });
      // A copy: uncommit() below empties the array getUncommittedEvents() returns.
      const events = [...order.getUncommittedEvents()];
      const envelopes = orderEventEnvelopes(orderId, events, {
        correlationId,
        causationId: correlation?.causationId ?? null,
        occurredAt: now,
      });
      await this.eventStore.append(manager, orderId, 0, envelopes);
      await this.sagas.insert(manager, newSagaState(orderId, correlationId, now, this.config.saga));
      await writeToOutbox(manager, envelopes, {
        producer: this.config.serviceName,
        traceparent: correlation?.traceparent ?? null,
      });
      order.uncommit();
      return { result: { orderId, status: order.status, replayed: false }, events };
    });
    // After the commit, never before: the saga must not act on an order that might still roll back.
    this.eventBus.publishAll(placed.events);
    return placed.result;
  }
}
