import type { EntityManager } from 'typeorm';
import type { ReservationFailure } from './reserve-inventory/decision.js';
import type { RecordedReservation } from './reserve-inventory/recorded-outcome.js';
import { ReservationLine } from './reservation-line.entity.js';
import { Reservation } from './reservation.entity.js';
import { inSkuOrder } from './stock/sku-order.js';

/**
 * The order's row with its lines, locked until the transaction ends so that a concurrent reserve or release of the
 * same order waits and then sees this one's result; null when the order has no row.
 */
export async function lockReservation(
  tx: EntityManager,
  orderId: string,
): Promise<RecordedReservation | null> {
  const row = await tx.findOne(Reservation, {
    where: { orderId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!row) return null;
  const lines = await tx.find(ReservationLine, { where: { orderId } });
  return {
    orderId: row.orderId,
    reservationId: row.reservationId,
    status: row.status,
    failureCode: row.failureCode,
    failureDetail: row.failureDetail,
    failureSku: row.failureSku,
    lines: inSkuOrder(lines.map(({ sku, quantity }) => ({ sku, quantity }))),
  };
}

/**
 * Claims the order's row with a provisional RESERVED (nobody sees it before commit; a refusal overwrites it).
 * False when the order already has a row: a row lock cannot cover a row that does not exist yet, so two first
 * deliveries race to this INSERT and the primary key lets exactly one of them win; the other waits for its commit.
 */
export async function claimReservation(
  tx: EntityManager,
  orderId: string,
  reservationId: string,
): Promise<boolean> {
  const claimed: unknown[] = await tx.query(
    `INSERT INTO reservations (order_id, reservation_id, status) VALUES ($1, $2, 'RESERVED')
     ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
    [orderId, reservationId],
  );
  return claimed.length > 0;
}

/**
 * The RELEASED tombstone of an order released before it was ever reserved (reordered or redriven messages), so a late
 * ReserveInventory is refused with ALREADY_COMPENSATED instead of holding stock nobody will release. False when the
 * order already has a row.
 */
export async function insertTombstone(tx: EntityManager, orderId: string): Promise<boolean> {
  const inserted: unknown[] = await tx.query(
    `INSERT INTO reservations (order_id, status) VALUES ($1, 'RELEASED')
     ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
    [orderId],
  );
  return inserted.length > 0;
}

/** Records a refusal on the claimed row, so a retried command is refused the same way. */
export async function recordFailure(
  tx: EntityManager,
  orderId: string,
  failure: ReservationFailure,
): Promise<void> {
  await tx.query(
    `UPDATE reservations
     SET status = 'FAILED', reservation_id = NULL, failure_code = $2, failure_detail = $3, failure_sku = $4,
         updated_at = now()
     WHERE order_id = $1`,
    [orderId, failure.code, failure.detail, failure.sku],
  );
}

export async function markReleased(tx: EntityManager, orderId: string): Promise<void> {
  await tx.query(`UPDATE reservations SET status = 'RELEASED', updated_at = now() WHERE order_id = $1`, [
    orderId,
  ]);
}
