import type { EntityManager } from 'typeorm';
import { AggregateTypes, RenderOrderConfirmation } from '@edr/contracts';
import { type Task, enqueueTask, latestTaskFor } from '@edr/tasks';
import type { OrderSnapshot } from '../saga/order-saga.state.js';

export interface ConfirmationCause {
  readonly producer: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly traceparent: string | null;
}

/**
 * Enqueues the confirmation mail of an order the saga just approved, through the transaction that records the
 * approval: the order is APPROVED if and only if its confirmation is on its way. The background group
 * `order-confirmation-worker` renders it into the mailbox.
 */
export const enqueueConfirmation = (tx: EntityManager, order: OrderSnapshot, cause: ConfirmationCause) =>
  enqueueTask(tx, RenderOrderConfirmation, {
    producer: cause.producer,
    aggregateType: AggregateTypes.order,
    subjectId: order.orderId,
    payload: {
      orderId: order.orderId,
      customerId: order.customerId,
      items: [...order.items],
      shippingAddress: order.shippingAddress,
      total: order.total,
    },
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    traceparent: cause.traceparent,
  });

/** The confirmation task of an order, or null (not approved, or not yet). */
export const confirmationTaskOf = (manager: EntityManager, orderId: string): Promise<Task | null> =>
  latestTaskFor(manager, RenderOrderConfirmation.type, orderId);
