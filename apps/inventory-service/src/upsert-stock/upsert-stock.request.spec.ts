import { describe, expect, test } from '@jest/globals';
import { toStockView } from '../stock/stock.view.js';
import { skuParamSchema, upsertStockRequestSchema } from './upsert-stock.request.js';

describe('PUT /admin/inventory/{sku} request', () => {
  test('accepts onHand alone or with a name', () => {
    expect(upsertStockRequestSchema.parse({ onHand: 0 })).toEqual({ onHand: 0 });
    expect(upsertStockRequestSchema.parse({ name: '  Mug ', onHand: 10 })).toEqual({
      name: 'Mug',
      onHand: 10,
    });
  });

  test('refuses negative, fractional, missing or out-of-range onHand and unknown fields', () => {
    for (const body of [
      { onHand: -1 },
      { onHand: 1.5 },
      {},
      { onHand: 2 ** 31 },
      { onHand: '3' },
      { onHand: 1, reserved: 0 },
      { onHand: 1, name: ' ' },
    ]) {
      expect(upsertStockRequestSchema.safeParse(body).success).toBe(false);
    }
  });

  test('SKUs are 1 to 64 letters, digits, ".", "_" or "-"', () => {
    expect(skuParamSchema.safeParse('RARE-001').success).toBe(true);
    expect(skuParamSchema.safeParse('a'.repeat(64)).success).toBe(true);
    expect(skuParamSchema.safeParse('a'.repeat(65)).success).toBe(false);
    expect(skuParamSchema.safeParse('-x').success).toBe(false);
    expect(skuParamSchema.safeParse('with space').success).toBe(false);
  });
});

describe('toStockView', () => {
  test('available is on hand minus reserved', () => {
    expect(toStockView({ sku: 'A', name: 'a', onHand: 10, reserved: 4 })).toEqual({
      sku: 'A',
      name: 'a',
      onHand: 10,
      reserved: 4,
      available: 6,
    });
  });
});
