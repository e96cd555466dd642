import { describe, expect, test } from '@jest/globals';
import { idempotencyKeySchema, requestHash } from './idempotency.js';

describe('idempotency', () => {
  test('the same body hashes the same; another body differently', () => {
    expect(requestHash({ a: 1, b: [2] })).toBe(requestHash({ a: 1, b: [2] }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  test('Idempotency-Key: opaque, but bounded so it fits the primary key', () => {
    expect(idempotencyKeySchema.safeParse('order-2026-12-01:17.a').success).toBe(true);
    expect(idempotencyKeySchema.safeParse('x'.repeat(255)).success).toBe(true);
    expect(idempotencyKeySchema.safeParse('x'.repeat(256)).success).toBe(false);
    expect(idempotencyKeySchema.safeParse('has space').success).toBe(false);
    expect(idempotencyKeySchema.safeParse('').success).toBe(false);
  });
});
