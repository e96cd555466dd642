import type { EntityManager } from 'typeorm';
import type { StockLine } from '@edr/contracts';
import { queryRows } from '../query-rows.js';
import { type ReservationFailure, reservationFailures } from '../reservation/reservation-outcome.js';

/** A line could not be reserved; thrown to roll back the savepoint and with it the lines already taken. */
export class StockShortage extends Error {
  override readonly name = 'StockShortage';
  constructor(readonly failure: ReservationFailure) {
    super(failure.detail);
  }
}

/**
 * Reserves every line for the order, or throws {@link StockShortage} at the first one that cannot be reserved.
 * Run it in a savepoint. Each line is one conditional UPDATE: the availability check and the increment are a single
 * statement on a row lock, so concurrent orders can never reserve more than is on hand (under READ COMMITTED a
 * waiting UPDATE re-checks its WHERE against the row the other transaction committed).
 */
export async function takeStock(
  manager: EntityManager,
  orderId: string,
  lines: readonly StockLine[],
): Promise<void> {
  for (const { sku, quantity } of lines) {
    // bigint: a summed quantity beyond int range is simply "not available", not an SQL error.
    const taken = await queryRows(
      manager,
      `UPDATE stock SET reserved = reserved + $2::bigint, updated_at = now()
       WHERE sku = $1 AND on_hand - reserved >= $2::bigint
       RETURNING sku`,
      [sku, quantity],
    );
    if (taken.length === 0) throw new StockShortage(await explainShortage(manager, sku, quantity));
    await manager.query(`INSERT INTO reservation_lines (order_id, sku, quantity) VALUES ($1, $2, $3)`, [
      orderId,
      sku,
      quantity,
    ]);
  }
}

/** Only words the failure: the decision was already made by the UPDATE that matched no row. */
async function explainShortage(
  manager: EntityManager,
  sku: string,
  requested: number,
): Promise<ReservationFailure> {
  const [stock] = await queryRows<{ available: number }>(
    manager,
    `SELECT on_hand - reserved AS available FROM stock WHERE sku = $1`,
    [sku],
  );
  return stock
    ? reservationFailures.outOfStock(sku, requested, stock.available)
    : reservationFailures.unknownSku(sku);
}
