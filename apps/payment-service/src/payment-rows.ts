import type { EntityManager } from 'typeorm';
import type { MessageOrigin } from '@edr/messaging';
import type { AuthorizationDecision } from './authorize-payment/decision.js';
import { Payment } from './payment.entity.js';

/**
 * The order's payment row, locked (SELECT ... FOR UPDATE) until the inbox transaction ends: a concurrent command for
 * the same order waits here and then sees what this one decided.
 */
export const lockPayment = (manager: EntityManager, orderId: string): Promise<Payment | null> =>
  manager.findOne(Payment, { where: { orderId }, lock: { mode: 'pessimistic_write' } });

/** Where a parked authorization's reply goes: the command it answers. */
export interface AwaitingCustomer {
  readonly until: Date;
  readonly origin: MessageOrigin;
}

export interface NewPayment {
  readonly orderId: string;
  readonly paymentId: string;
  readonly customerId: string;
  readonly amount: number;
  /** A decision, or parked until the customer's registration ends or the wait passes. */
  readonly outcome: AuthorizationDecision | AwaitingCustomer;
}

/**
 * Records an authorization outcome. False when the order already has a row: a row lock cannot cover a row that does
 * not exist yet, so two first deliveries race to this INSERT and the primary key lets exactly one of them win.
 */
export async function insertPayment(manager: EntityManager, payment: NewPayment): Promise<boolean> {
  const { outcome } = payment;
  const awaiting = 'until' in outcome ? outcome : null;
  const decision = 'approved' in outcome ? outcome : null;
  const authorized = decision?.approved === true;
  const status = awaiting ? 'AWAITING_CUSTOMER' : authorized ? 'AUTHORIZED' : 'DECLINED';
  const declined = decision !== null && !decision.approved ? decision : null;
  const inserted: unknown[] = await manager.query(
    `INSERT INTO payments (order_id, payment_id, customer_id, amount, status, decline_code, decline_detail,
                           captured_amount, refunded_amount, authorized_at, awaiting_until,
                           reply_correlation_id, reply_causation_id, reply_traceparent, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, CASE WHEN $9 THEN now() END, $10, $11, $12, $13, now(), now())
     ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
    [
      payment.orderId,
      payment.paymentId,
      payment.customerId,
      payment.amount,
      status,
      declined?.code ?? null,
      declined?.detail ?? null,
      authorized ? payment.amount : 0,
      authorized,
      awaiting?.until ?? null,
      awaiting?.origin.envelope.correlationId ?? null,
      awaiting?.origin.envelope.eventId ?? null,
      awaiting?.origin.headers['traceparent'] ?? null,
    ],
  );
  return inserted.length === 1;
}

/** Decides a parked authorization; only an AWAITING_CUSTOMER row changes, so it is decided once. */
export async function settleAwaiting(
  manager: EntityManager,
  orderId: string,
  decision: AuthorizationDecision,
): Promise<void> {
  const declined = decision.approved ? null : decision;
  await manager.query(
    `UPDATE payments
        SET status = $2, decline_code = $3, decline_detail = $4,
            captured_amount = CASE WHEN $5 THEN amount ELSE 0 END, authorized_at = CASE WHEN $5 THEN now() END,
            awaiting_until = NULL, updated_at = now()
      WHERE order_id = $1 AND status = 'AWAITING_CUSTOMER'`,
    [
      orderId,
      decision.approved ? 'AUTHORIZED' : 'DECLINED',
      declined?.code ?? null,
      declined?.detail ?? null,
      decision.approved,
    ],
  );
}

/** The command a parked authorization answers, as far as its reply needs it (see AwaitingCustomer). */
export function originOf(payment: Payment): MessageOrigin {
  if (payment.replyCorrelationId === null || payment.replyCausationId === null)
    throw new Error(`payments row of order ${payment.orderId} has no command to reply to`);
  return {
    envelope: { correlationId: payment.replyCorrelationId, eventId: payment.replyCausationId },
    headers: payment.replyTraceparent === null ? {} : { traceparent: payment.replyTraceparent },
  };
}

/** The customer's parked authorizations, locked; take lockCustomer first. */
export const lockAwaitingOf = (manager: EntityManager, customerId: string): Promise<Payment[]> =>
  manager.find(Payment, {
    where: { customerId, status: 'AWAITING_CUSTOMER' },
    order: { createdAt: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });

/** The VOIDED tombstone of an order refunded before it was ever authorized. False when the order already has a row. */
export async function insertTombstone(manager: EntityManager, orderId: string): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO payments (order_id, payment_id, customer_id, amount, status, created_at, updated_at)
     VALUES ($1, NULL, NULL, 0, 'VOIDED', now(), now())
     ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
    [orderId],
  );
  return inserted.length === 1;
}

/** Refunds everything captured; only an AUTHORIZED payment changes, so a repeat cannot refund twice. */
export async function markRefunded(manager: EntityManager, orderId: string): Promise<void> {
  await manager.query(
    `UPDATE payments
        SET status = 'REFUNDED', refunded_amount = captured_amount, refunded_at = now(), updated_at = now()
      WHERE order_id = $1 AND status = 'AUTHORIZED'`,
    [orderId],
  );
}
