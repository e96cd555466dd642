import type { EntityManager } from 'typeorm';
import { Shipment } from './shipment.entity.js';

/** What a handler decides to record for an order; timestamps are the database's. */
export type NewShipmentRow = Pick<
  Shipment,
  | 'orderId'
  | 'shipmentId'
  | 'status'
  | 'carrier'
  | 'trackingNumber'
  | 'country'
  | 'address'
  | 'items'
  | 'failureCode'
  | 'failureDetail'
>;

/**
 * Reads the order's row and locks it until the transaction ends, so two deliveries for the same order (a retry
 * racing a redrive, a cancel racing a schedule) take turns instead of both acting on what they read.
 */
export const lockShipment = (manager: EntityManager, orderId: string): Promise<Shipment | null> =>
  manager.findOne(Shipment, { where: { orderId }, lock: { mode: 'pessimistic_write' } });

/**
 * Inserts the order's row unless it has one. There is no row to lock before the first insert, so the primary key
 * arbitrates: `false` means a concurrent transaction inserted first and has committed (ON CONFLICT waits for it),
 * and the caller should lock and act on that row instead.
 */
export async function insertShipmentIfAbsent(manager: EntityManager, row: NewShipmentRow): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO shipments
       (order_id, shipment_id, status, carrier, tracking_number, country, address, items,
        failure_code, failure_detail, scheduled_at, cancelled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
             CASE WHEN $11::boolean THEN now() END, CASE WHEN $12::boolean THEN now() END)
     ON CONFLICT (order_id) DO NOTHING
     RETURNING order_id`,
    [
      row.orderId,
      row.shipmentId,
      row.status,
      row.carrier,
      row.trackingNumber,
      row.country,
      row.address === null ? null : JSON.stringify(row.address),
      row.items === null ? null : JSON.stringify(row.items),
      row.failureCode,
      row.failureDetail,
      row.status === 'SCHEDULED',
      row.status === 'CANCELLED',
    ],
  );
  return inserted.length > 0;
}

/** Cancels a booked shipment; the caller holds the row lock and has checked that it is SCHEDULED. */
export async function markCancelled(manager: EntityManager, orderId: string): Promise<void> {
  await manager.query(
    `UPDATE shipments SET status = 'CANCELLED', cancelled_at = now(), updated_at = now() WHERE order_id = $1`,
    [orderId],
  );
}
