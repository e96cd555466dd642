import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AggregateTypes } from '@edr/contracts';
import { processOnce } from '@edr/inbox';
import { UnprocessableMessageError } from '@edr/messaging';
import { buildEnvelope, writeToOutbox } from '@edr/outbox';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { orderEventEnvelopes } from '../event-store/order-event-envelopes.js';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { toDomainEvent } from '../event-store/to-domain-event.js';
import { SERVICE_CONFIG } from '@edr/config';
import type { OrderConfig } from '../order.config.js';
import type { SagaContext, SagaDecision } from './order-saga.machine.js';
import { OrderSagaRepository } from './order-saga.repository.js';
import type { OrderSagaState, OrderSnapshot } from './order-saga.state.js';
import type { SagaOutcome } from './saga-completions.js';
import type { ReplySource } from './saga-events.js';

export type Decide = (state: OrderSagaState, ctx: SagaContext) => SagaDecision;

const snapshot = (order: OrderAggregate): OrderSnapshot => {
  if (!order.shippingAddress) throw new Error(`order ${order.id} has no shipping address`);
  return {
    orderId: order.id,
    customerId: order.customerId,
    total: order.total,
    items: order.items,
    shippingAddress: order.shippingAddress,
  };
};

/**
 * One saga input, one transaction: lock the saga row, replay the order, let the machine decide, then append the
 * order's new events, write them and the commands to the outbox, store the new saga state and (for a reply) the
 * inbox row. A crash anywhere before the commit leaves everything as it was; the reply is redelivered or the
 * deadline fires again, and the same decision is taken.
 */
@Injectable()
export class OrderSagaRunner {
  private readonly logger = new Logger('OrderSaga');

  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: OrderEventStore,
    private readonly sagas: OrderSagaRepository,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
  ) {}

  async run(orderId: string, source: ReplySource | null, decide: Decide): Promise<SagaOutcome> {
    const work = (manager: EntityManager) => this.apply(manager, orderId, source, decide);
    if (!source) {
      await this.dataSource.transaction(work);
      return 'processed';
    }
    return processOnce(this.dataSource, source, work);
  }

  private async apply(
    manager: EntityManager,
    orderId: string,
    source: ReplySource | null,
    decide: Decide,
  ): Promise<void> {
    const state = await this.sagas.lock(manager, orderId);
    if (!state) {
      throw new UnprocessableMessageError(
        `no saga for order ${orderId} (unknown order, or placed before sagas existed)`,
      );
    }
    const stored = await this.eventStore.load(orderId, undefined, manager);
    const order = OrderAggregate.fromHistory(stored.map(toDomainEvent));
    const now = new Date();
    const decision = decide(state, { order: snapshot(order), now, settings: this.config.saga });
    const where = `order ${orderId} [${state.phase}${state.step ? ` ${state.step}#${state.attempts}` : ''}]`;
    if (decision.state === state) {
      this.logger.debug(`${where}: ${decision.note}`);
      return;
    }
    const expectedVersion = order.version;
    decision.orderEvents.forEach((event) => order.record(event));
    const causation = { correlationId: state.correlationId, causationId: source?.eventId ?? null };
    const events = orderEventEnvelopes(orderId, decision.orderEvents, { ...causation, occurredAt: now });
    const commands = decision.commands.map((command) =>
      buildEnvelope({
        type: command.definition.type,
        schemaVersion: command.definition.schemaVersion,
        aggregateType: AggregateTypes.order,
        aggregateId: orderId,
        payload: command.payload,
        ...causation,
        occurredAt: now,
      }),
    );
    if (events.length > 0) await this.eventStore.append(manager, orderId, expectedVersion, events);
    await this.sagas.update(manager, decision.state);
    await writeToOutbox(manager, [...events, ...commands], {
      producer: this.config.serviceName,
      traceparent: source?.traceparent ?? null,
    });
    this.logger.log(`${where}: ${decision.note}`);
  }
}
