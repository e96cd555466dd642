import type { EntityManager } from 'typeorm';
import type { StockLine } from '@edr/contracts';
import { UnprocessableMessageError } from '@edr/messaging';
import { type ReservationFailure, reservationFailures } from '../reserve-inventory/decision.js';

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
  tx: EntityManager,
  orderId: string,
  lines: readonly StockLine[],
): Promise<void> {
  for (const { sku, quantity } of lines) {
    // bigint: a summed quantity beyond int range is simply "not available", not an SQL error.
    const taken = await queryRows(
      tx,
      `UPDATE stock SET reserved = reserved + $2::bigint, updated_at = now()
       WHERE sku = $1 AND on_hand - reserved >= $2::bigint
       RETURNING sku`,
      [sku, quantity],
    );
    if (taken.length === 0) throw new StockShortage(await explainShortage(tx, sku, quantity));
    await tx.query(`INSERT INTO reservation_lines (order_id, sku, quantity) VALUES ($1, $2, $3)`, [
      orderId,
      sku,
      quantity,
    ]);
  }
}

/** Puts an order's reserved units back; pass the lines in SKU order, the same lock order as reserving. */
export async function restoreStock(
  tx: EntityManager,
  orderId: string,
  lines: readonly StockLine[],
): Promise<void> {
  for (const { sku, quantity } of lines) {
    const restored = await queryRows(
      tx,
      `UPDATE stock SET reserved = reserved - $2::bigint, updated_at = now()
       WHERE sku = $1 AND reserved >= $2::bigint
       RETURNING sku`,
      [sku, quantity],
    );
    if (restored.length === 0) {
      // Retrying cannot fix a broken invariant; park the command in the DLQ for a human.
      throw new UnprocessableMessageError(
        `stock of ${sku} holds fewer than the ${quantity} reserved units of order ${orderId}; not releasing`,
      );
    }
  }
}

/** Only words the failure: the decision was already made by the UPDATE that matched no row. */
async function explainShortage(
  tx: EntityManager,
  sku: string,
  requested: number,
): Promise<ReservationFailure> {
  const [stock] = await queryRows<{ available: number }>(
    tx,
    `SELECT on_hand - reserved AS available FROM stock WHERE sku = $1`,
    [sku],
  );
  return stock
    ? reservationFailures.outOfStock(sku, requested, stock.available)
    : reservationFailures.unknownSku(sku);
}

/**
 * Rows of a raw statement, whatever its kind: TypeORM's `query` returns `[rows, count]` for UPDATE and DELETE but
 * plain rows otherwise, which is easy to get wrong with `... RETURNING`.
 */
export async function queryRows<T>(tx: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const runner = tx.queryRunner ?? tx.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return (result.records ?? []) as T[];
  } finally {
    if (!tx.queryRunner) await runner.release();
  }
}
