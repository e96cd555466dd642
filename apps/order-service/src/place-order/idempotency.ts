import { createHash } from 'node:crypto';
import { UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdempotencyKey } from './idempotency-key.entity.js';

export const requestHash = (body: unknown): string =>
  createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * Claims the key for `orderId` inside the placing transaction. A concurrent request with the same key blocks on the
 * primary key until the first commits, then finds its order: both callers get the same order, never two.
 * Returns the order id already bound to the key, or null when this request claimed it.
 */
export async function claimIdempotencyKey(
  manager: EntityManager,
  key: string,
  hash: string,
  orderId: string,
): Promise<string | null> {
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (key, request_hash, order_id) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, hash, orderId],
  );
  if (claimed.length > 0) return null;
  return orderBoundTo(await manager.findOneByOrFail(IdempotencyKey, { key }), hash);
}

/**
 * The order already bound to the key, without claiming it (null when the key is free): what a retry is answered
 * with while admission control refuses new orders. A request racing the first one with the same key, before that
 * commits, finds nothing and is refused; its next retry gets the order.
 */
export async function findIdempotentOrder(
  manager: EntityManager,
  key: string,
  hash: string,
): Promise<string | null> {
  const existing = await manager.findOneBy(IdempotencyKey, { key });
  return existing ? orderBoundTo(existing, hash) : null;
}

function orderBoundTo(existing: IdempotencyKey, hash: string): string {
  if (existing.requestHash !== hash) {
    throw new UnprocessableEntityException({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: `Idempotency-Key "${existing.key}" was already used with a different request body; use a new key for a new order`,
    });
  }
  return existing.orderId;
}
