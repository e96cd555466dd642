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
  const existing = await manager.findOneByOrFail(IdempotencyKey, { key });
  if (existing.requestHash !== hash) {
    throw new UnprocessableEntityException({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: `Idempotency-Key "${key}" was already used with a different request body; use a new key for a new order`,
    });
  }
  return existing.orderId;
}
