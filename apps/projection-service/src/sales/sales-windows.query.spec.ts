import { describe, expect, test } from '@jest/globals';
import { salesWindowsQuerySchema } from './sales-windows.query.js';

const messages = (query: Record<string, unknown>) => {
  const result = salesWindowsQuerySchema.safeParse(query);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('salesWindowsQuerySchema', () => {
  test('everything is optional; limit defaults to 100', () => {
    expect(salesWindowsQuerySchema.parse({})).toEqual({ limit: 100 });
    expect(
      salesWindowsQuerySchema.parse({
        sku: 'SKU-1',
        from: '2026-03-01T10:00:00Z',
        to: '2026-03-01T12:00:00+01:00',
        limit: '5',
      }),
    ).toEqual({ sku: 'SKU-1', from: '2026-03-01T10:00:00Z', to: '2026-03-01T12:00:00+01:00', limit: 5 });
  });

  test('a bad value is refused naming the field, the value and what is expected', () => {
    expect(messages({ from: 'yesterday' })).toEqual([
      'from: from is "yesterday": must be an ISO-8601 time with offset, e.g. 2026-12-07T10:00:00Z',
    ]);
    expect(messages({ limit: '0' })).toEqual([
      'limit: limit is "0": must be a whole number from 1 to 1000, e.g. 100',
    ]);
    expect(messages({ limit: 'ten' })).toEqual([
      'limit: limit is "ten": must be a whole number from 1 to 1000, e.g. 100',
    ]);
    expect(messages({ limit: '2.5' })).toHaveLength(1);
    expect(messages({ limit: ['1', '2'] })).toEqual([
      'limit: limit is ["1","2"]: must be a whole number from 1 to 1000, e.g. 100',
    ]);
    expect(messages({ sku: ['A', 'B'] })).toEqual(['sku: sku is ["A","B"]: pass one SKU, e.g. sku=SKU-1']);
    expect(messages({ sku: 'x'.repeat(65) })[0]).toMatch(
      /^sku: sku is "x+": a SKU has at most 64 characters$/,
    );
    expect(messages({ sku: '  ' })[0]).toMatch(/^sku: sku must not be empty/);
  });

  test('from must be before to', () => {
    expect(messages({ from: '2026-03-01T10:00:00Z', to: '2026-03-01T10:00:00Z' })).toEqual([
      'from: from is "2026-03-01T10:00:00Z", to is "2026-03-01T10:00:00Z": from must be before to',
    ]);
  });

  test('an unknown parameter is refused with the ones there are', () => {
    expect(messages({ skus: 'A' })).toEqual([': unknown parameter "skus": use sku, from, to, limit']);
  });
});
