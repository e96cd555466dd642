import type { EntityManager } from 'typeorm';
import { inSkuOrder } from '../stock/sku-order.js';
import type { RecordedReservation } from './reservation-outcome.js';
import { ReservationLine } from './reservation-line.entity.js';
import { Reservation } from './reservation.entity.js';

/**
 * The order's row, locked until the transaction ends so that a concurrent reserve or release of the same order
 * waits and then sees this one's result; null when the order has no row.
 */
export async function loadReservationForUpdate(
  manager: EntityManager,
  orderId: string,
): Promise<RecordedReservation | null> {
  const row = await manager.findOne(Reservation, {
    where: { orderId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!row) return null;
  const lines = await manager.find(ReservationLine, { where: { orderId } });
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
