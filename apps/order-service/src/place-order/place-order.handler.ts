import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AggregateTypes } from '@edr/contracts';
import { CorrelationContext } from '@edr/messaging';
import { buildEnvelope, writeToOutbox } from '@edr/outbox';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { toDomainEvent } from '../event-store/to-domain-event.js';
import { claimIdempotencyKey, requestHash } from './idempotency.js';
import { PlaceOrderCommand, type PlaceOrderResult } from './place-order.command.js';

/**
 * One transaction: claim the idempotency key, append OrderPlaced to the order's stream, write it to the outbox.
 * Either all of it is committed or none of it, so there is never an order without its event or an event
 * without its order.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: OrderEventStore,
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
      const order = OrderAggregate.place({ orderId, ...request, placedAt: new Date() });
      const envelopes = order.getUncommittedEvents().map((event) =>
        buildEnvelope({
          type: event.contract.type,
          schemaVersion: event.contract.schemaVersion,
          aggregateType: AggregateTypes.order,
          aggregateId: orderId,
          payload: event.payload,
          correlationId,
          causationId: correlation?.causationId ?? null,
        }),
      );
      await this.eventStore.append(manager, orderId, 0, envelopes);
      await writeToOutbox(manager, envelopes, { traceparent: correlation?.traceparent ?? null });
      order.uncommit();
      return { orderId, status: order.status, replayed: false };
    });
  }
}
