import { createHash } from 'node:crypto';
import { UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { IdempotencyKey } from './idempotency-key.entity.js';

/** `Idempotency-Key` header: opaque, but bounded so it can be a primary key. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9._:-]{1,255}$/);

export const requestHash = (body: unknown): string =>
  createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** A request made under an Idempotency-Key: the key, the hash of its body, and what it creates (`order`). */
export interface IdempotentRequest {
  readonly key: string;
  readonly hash: string;
  /** Names the resource in the refusal of a reused key: "use a new key for a new order". */
  readonly resource: string;
}

/**
 * Claims the key for `resourceId` inside the creating transaction. A concurrent request with the same key blocks on
 * the primary key until the first commits, then finds its resource: both callers get the same one, never two.
 * Returns the id already bound to the key, or null when this request claimed it.
 */
export async function claimIdempotencyKey(
  manager: EntityManager,
  request: IdempotentRequest,
  resourceId: string,
): Promise<string | null> {
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (key, request_hash, resource_id) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [request.key, request.hash, resourceId],
  );
  if (claimed.length > 0) return null;
  return boundResource(await manager.findOneByOrFail(IdempotencyKey, { key: request.key }), request);
}

/**
 * The resource already bound to the key, without claiming it (null when the key is free): what a retry is answered
 * with while the service refuses new work. A request racing the first one with the same key, before that commits,
 * finds nothing; its next retry gets the resource.
 */
export async function findIdempotentResource(
  manager: EntityManager,
  request: IdempotentRequest,
): Promise<string | null> {
  const existing = await manager.findOneBy(IdempotencyKey, { key: request.key });
  return existing ? boundResource(existing, request) : null;
}

function boundResource(existing: IdempotencyKey, request: IdempotentRequest): string {
  if (existing.requestHash !== request.hash) {
    throw new UnprocessableEntityException({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: `Idempotency-Key "${existing.key}" was already used with a different request body; use a new key for a new ${request.resource}`,
    });
  }
  return existing.resourceId;
}
