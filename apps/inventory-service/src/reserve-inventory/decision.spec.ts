import { describe, expect, test } from '@jest/globals';
import { compareSkus } from '../stock/sku-order.js';
import { planReservation, reservationFailures } from './decision.js';

describe('planReservation', () => {
  test('adds up the quantities of a SKU named twice, so availability is checked against the whole demand', () => {
    expect(
      planReservation([
        { sku: 'MUG-042', quantity: 2 },
        { sku: 'MUG-042', quantity: 3 },
      ]),
    ).toEqual([{ sku: 'MUG-042', quantity: 5 }]);
  });

  test('orders the lines by SKU, the lock order shared with release', () => {
    expect(
      planReservation([
        { sku: 'TSHIRT-007', quantity: 1 },
        { sku: 'BOOK-001', quantity: 2 },
        { sku: 'MUG-042', quantity: 1 },
        { sku: 'BOOK-001', quantity: 1 },
      ]),
    ).toEqual([
      { sku: 'BOOK-001', quantity: 3 },
      { sku: 'MUG-042', quantity: 1 },
      { sku: 'TSHIRT-007', quantity: 1 },
    ]);
  });

  test('the same items in any order give the same plan', () => {
    const items = [
      { sku: 'b', quantity: 1 },
      { sku: 'A', quantity: 2 },
      { sku: 'a', quantity: 3 },
      { sku: 'B', quantity: 4 },
    ];
    expect(planReservation([...items].reverse())).toEqual(planReservation(items));
  });

  test('leaves the command untouched', () => {
    const items = [
      { sku: 'Z', quantity: 1 },
      { sku: 'A', quantity: 1 },
    ];
    planReservation(items);
    expect(items).toEqual([
      { sku: 'Z', quantity: 1 },
      { sku: 'A', quantity: 1 },
    ]);
  });
});

describe('compareSkus', () => {
  test('is code-unit order, independent of locale (upper case before lower case, "-" before digits)', () => {
    expect(['b', 'B', 'a-1', 'a1', 'A'].sort(compareSkus)).toEqual(['A', 'B', 'a-1', 'a1', 'b']);
    expect(compareSkus('X', 'X')).toBe(0);
  });
});

describe('reservationFailures', () => {
  test('name the SKU and, for a shortage, what was requested and what is available', () => {
    expect(reservationFailures.outOfStock('RARE-001', 3, 1)).toEqual({
      code: 'OUT_OF_STOCK',
      sku: 'RARE-001',
      detail: 'RARE-001: requested 3, available 1',
    });
    expect(reservationFailures.unknownSku('NOPE-1')).toEqual({
      code: 'UNKNOWN_SKU',
      sku: 'NOPE-1',
      detail: 'unknown SKU "NOPE-1"',
    });
    expect(reservationFailures.injected()).toMatchObject({ code: 'INJECTED_FAILURE', sku: null });
  });
});
