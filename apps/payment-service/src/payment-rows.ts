import type { EntityManager } from 'typeorm';
import { Payment } from './payment.entity.js';

/**
 * The order's payment row, locked (SELECT ... FOR UPDATE) until the inbox transaction ends: a concurrent command for
 * the same order waits here and then sees what this one decided.
 */
export const lockPayment = (manager: EntityManager, orderId: string): Promise<Payment | null> =>
  manager.findOne(Payment, { where: { orderId }, lock: { mode: 'pessimistic_write' } });

export interface NewPayment {
  readonly orderId: string;
  readonly paymentId: string;
  readonly customerId: string;
  readonly amount: number;
  readonly status: 'AUTHORIZED' | 'DECLINED';
  readonly declineCode: Payment['declineCode'];
  readonly declineDetail: string | null;
}

/**
 * Records an authorization outcome. False when the order already has a row: a row lock cannot cover a row that does
 * not exist yet, so two first deliveries race to this INSERT and the primary key lets exactly one of them win.
 */
export async function insertPayment(manager: EntityManager, payment: NewPayment): Promise<boolean> {
  const authorized = payment.status === 'AUTHORIZED';
  const inserted: unknown[] = await manager.query(
    `INSERT INTO payments (order_id, payment_id, customer_id, amount, status, decline_code, decline_detail,
                           captured_amount, refunded_amount, authorized_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, CASE WHEN $9 THEN now() END, now(), now())
     ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
    [
      payment.orderId,
      payment.paymentId,
      payment.customerId,
      payment.amount,
      payment.status,
      payment.declineCode,
      payment.declineDetail,
      authorized ? payment.amount : 0,
      authorized,
    ],
  );
  return inserted.length === 1;
}

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
