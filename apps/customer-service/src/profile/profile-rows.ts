import type { EntityManager } from 'typeorm';
import type { PurchaseEnrichedPayload } from '@edr/contracts';
import { type ProfileRow, type PurchaseRow, RECENT_PURCHASES } from './customer-profile.js';

/**
 * Records an approved order of the customer. False when the order is recorded already (another PurchaseEnriched for
 * it, with another event id): the primary key on the order id makes an order count once, and a concurrent insert of
 * the same order waits for the first and then inserts nothing.
 */
export async function insertPurchase(
  manager: EntityManager,
  purchase: PurchaseEnrichedPayload,
  eventId: string,
): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO customer_purchases (order_id, customer_id, total, item_count, items, approved_at, event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
    [
      purchase.orderId,
      purchase.customerId,
      purchase.total,
      purchase.itemCount,
      JSON.stringify(purchase.items),
      purchase.approvedAt,
      eventId,
    ],
  );
  return inserted.length === 1;
}

/**
 * Adds a newly recorded purchase to the customer's totals, in one statement (numeric sums are exact; concurrent
 * additions queue on the row). The last purchase is the latest approval, whatever order the events came in.
 */
export async function addToProfile(manager: EntityManager, purchase: PurchaseEnrichedPayload): Promise<void> {
  await manager.query(
    `INSERT INTO customer_profiles (customer_id, order_count, lifetime_value, last_purchase_at, updated_at)
     VALUES ($1, 1, $2, $3, now())
     ON CONFLICT (customer_id) DO UPDATE
       SET order_count = customer_profiles.order_count + 1,
           lifetime_value = customer_profiles.lifetime_value + EXCLUDED.lifetime_value,
           last_purchase_at = GREATEST(customer_profiles.last_purchase_at, EXCLUDED.last_purchase_at),
           updated_at = now()`,
    [purchase.customerId, purchase.total, purchase.approvedAt],
  );
}

export async function findProfile(manager: EntityManager, customerId: string): Promise<ProfileRow | null> {
  const [row]: ProfileRow[] = await manager.query(
    `SELECT order_count, lifetime_value, last_purchase_at FROM customer_profiles WHERE customer_id = $1`,
    [customerId],
  );
  return row ?? null;
}

/** The customer's latest purchases by approval time, newest first. */
export function recentPurchases(manager: EntityManager, customerId: string): Promise<PurchaseRow[]> {
  return manager.query(
    `SELECT order_id, total, item_count, items, approved_at FROM customer_purchases
      WHERE customer_id = $1 ORDER BY approved_at DESC, order_id DESC LIMIT $2`,
    [customerId, RECENT_PURCHASES],
  );
}
