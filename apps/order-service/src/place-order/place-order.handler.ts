import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type IdempotentRequest,
  claimIdempotencyKey,
  findIdempotentResource,
  requestHash,
} from '@edr/idempotency';
import { CorrelationContext } from '@edr/messaging';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { orderEventEnvelopes } from '../event-store/order-event-envelopes.js';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { toDomainEvent } from '../event-store/to-domain-event.js';
import { OrderSagaRunner } from '../saga/order-saga.runner.js';
import { OrderAdmission } from './admission/order-admission.js';
import { OrderAdmissionRefused } from './admission/order-admission-refused.js';
import { PlaceOrderCommand, type PlaceOrderResult } from './place-order.command.js';

const idempotentRequest = (key: string, body: unknown): IdempotentRequest => ({
  key,
  hash: requestHash(body),
  resource: 'order',
});

/**
 * Admission first (admission/order-admission.ts): while the sagas in flight are at the limit, a new order is refused
 * before anything is written, and only a replay of an order already accepted under the same Idempotency-Key is
 * answered (its original 202). Then one transaction: claim the idempotency key, append OrderPlaced to the order's
 * stream and start the saga (its row, already waiting for PAYMENT attempt 1; OrderPlaced and AuthorizePayment in the
 * outbox, in one write). Either all of it is committed or none of it, so no placed order is ever left without its
 * saga under way.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: OrderEventStore,
    private readonly saga: OrderSagaRunner,
    private readonly admission: OrderAdmission,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const admission = await this.admission.enter();
    if (!admission.admitted) {
      const replay = command.idempotencyKey
        ? await this.replayOf(idempotentRequest(command.idempotencyKey, command.request))
        : null;
      if (replay) return replay;
      throw new OrderAdmissionRefused(admission.refusal);
    }
    let result: PlaceOrderResult | null = null;
    try {
      result = await this.place(command);
      return result;
    } finally {
      // Unless it is known to have written nothing, count it as a saga started until the next backlog reading.
      admission.leave(result?.replayed !== true);
    }
  }

  private place({ request, idempotencyKey }: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const correlation = CorrelationContext.current();
    const correlationId = correlation?.correlationId ?? randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const orderId = randomUUID();
      if (idempotencyKey) {
        const existingId = await claimIdempotencyKey(
          manager,
          idempotentRequest(idempotencyKey, request),
          orderId,
        );
        if (existingId) return this.replayed(existingId, manager);
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

  /** The order an earlier request placed under `key`, read without writing; null if the key is not taken. */
  private async replayOf(request: IdempotentRequest): Promise<PlaceOrderResult | null> {
    const manager = this.dataSource.manager;
    const existingId = await findIdempotentResource(manager, request);
    return existingId ? this.replayed(existingId, manager) : null;
  }

  private async replayed(orderId: string, manager: EntityManager): Promise<PlaceOrderResult> {
    const order = OrderAggregate.fromHistory(
      (await this.eventStore.load(orderId, undefined, manager)).map(toDomainEvent),
    );
    return { orderId, status: order.status, replayed: true };
  }
}
