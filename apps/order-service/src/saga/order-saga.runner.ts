import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AggregateTypes, type EventEnvelope } from '@edr/contracts';
import { SERVICE_CONFIG } from '@edr/config';
import { UnprocessableMessageError } from '@edr/messaging';
import { buildEnvelope, writeToOutbox } from '@edr/outbox';
import { enqueueConfirmation } from '../confirmation/confirmation-task.js';
import { OrderApprovedEvent } from '../domain/order-events.js';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { orderEventEnvelopes } from '../event-store/order-event-envelopes.js';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { toDomainEvent } from '../event-store/to-domain-event.js';
import type { OrderConfig } from '../order.config.js';
import { OrderSagaMachine, type SagaContext, type SagaDecision } from './order-saga.machine.js';
import { OrderSagaRepository } from './order-saga.repository.js';
import type { OrderSagaState, OrderSnapshot } from './order-saga.state.js';
import { SagaDeadlineAnnouncer } from './saga-deadline.announcer.js';
import type { OutgoingCommand } from './saga-commands.js';

export type Decide = (state: OrderSagaState, ctx: SagaContext) => SagaDecision;

/** What caused a saga input: the reply's event id (null for a deadline) and its trace context. */
export interface SagaCause {
  readonly eventId: string | null;
  readonly traceparent: string | null;
}

export const noCause: SagaCause = { eventId: null, traceparent: null };

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

const commandEnvelopes = (
  orderId: string,
  commands: readonly OutgoingCommand[],
  causation: { correlationId: string; causationId: string | null; occurredAt: Date },
): EventEnvelope[] =>
  commands.map((command) =>
    buildEnvelope({
      type: command.definition.type,
      schemaVersion: command.definition.schemaVersion,
      aggregateType: AggregateTypes.order,
      aggregateId: orderId,
      payload: command.payload,
      ...causation,
    }),
  );

/**
 * Applies the saga's decisions through the caller's transaction and never opens one itself: a reply's transaction
 * is the consumer's inbox transaction (the inbox row commits with the decision), a deadline's is opened by its
 * command handler, the start's is the one that places the order. In it: lock the saga row, replay the order, let
 * the machine decide, then append the order's new events, store the new saga state and write the events and the
 * commands to the outbox (and, when the order is approved, enqueue its confirmation mail). A crash or an error anywhere before the commit leaves everything as it was; the reply is
 * redelivered or the deadline fires again, and the same decision is taken.
 */
@Injectable()
export class OrderSagaRunner {
  private readonly logger = new Logger('OrderSaga');

  constructor(
    private readonly eventStore: OrderEventStore,
    private readonly sagas: OrderSagaRepository,
    private readonly deadlines: SagaDeadlineAnnouncer,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<OrderConfig, 'saga' | 'serviceName'>,
  ) {}

  /**
   * In the placing transaction, after OrderPlaced was appended: the saga row, then `placed` (the order's new events)
   * and AuthorizePayment attempt 1 to the outbox.
   */
  async start(
    manager: EntityManager,
    order: OrderAggregate,
    placed: readonly EventEnvelope[],
    correlationId: string,
    cause: SagaCause,
    now: Date,
  ) {
    const decision = OrderSagaMachine.start(correlationId, {
      order: snapshot(order),
      now,
      settings: this.config.saga,
    });
    const causation = { correlationId, causationId: cause.eventId, occurredAt: now };
    await this.sagas.insert(manager, decision.state);
    this.announceDeadline(decision.state);
    // The order's own events and the saga's first command in one write: one INSERT and one DELETE per order.
    await writeToOutbox(manager, [...placed, ...commandEnvelopes(order.id, decision.commands, causation)], {
      producer: this.config.serviceName,
      traceparent: cause.traceparent,
    });
    this.logger.log(`order ${order.id}: ${decision.note}`);
  }

  /** One reply or deadline of one order's saga. */
  async apply(manager: EntityManager, orderId: string, cause: SagaCause, decide: Decide): Promise<void> {
    const state = await this.sagas.lock(manager, orderId);
    if (!state) {
      throw new UnprocessableMessageError(`no saga for order ${orderId} (unknown order)`);
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
    // The aggregate refuses a transition the order does not allow, before anything is written.
    decision.orderEvents.forEach((event) => order.record(event));
    const causation = { correlationId: state.correlationId, causationId: cause.eventId, occurredAt: now };
    const events = orderEventEnvelopes(orderId, decision.orderEvents, causation);
    const commands = commandEnvelopes(orderId, decision.commands, causation);
    if (events.length > 0) await this.eventStore.append(manager, orderId, expectedVersion, events);
    await this.sagas.update(manager, decision.state);
    this.announceDeadline(decision.state);
    await writeToOutbox(manager, [...events, ...commands], {
      producer: this.config.serviceName,
      traceparent: cause.traceparent,
    });
    if (decision.orderEvents.some((event) => event instanceof OrderApprovedEvent)) {
      await enqueueConfirmation(manager, snapshot(order), {
        producer: this.config.serviceName,
        correlationId: state.correlationId,
        causationId: cause.eventId,
        traceparent: cause.traceparent,
      });
    }
    this.logger.log(`${where}: ${decision.note}`);
  }

  /**
   * Tells the deadline watcher before the commit: it only wakes earlier and looks in order_sagas, where the row is
   * visible by then (a deadline is seconds away, a commit milliseconds) or, after a rollback, absent, and the look
   * finds nothing to do.
   */
  private announceDeadline(state: OrderSagaState): void {
    if (state.deadlineAt) this.deadlines.announce(state.deadlineAt);
  }
}
