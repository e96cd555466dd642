import { describe, expect, test } from '@jest/globals';
import { profileView } from './customer-profile.js';

describe('profileView', () => {
  test('no purchase yet: zeros, null and an empty list', () => {
    expect(profileView(null, [])).toEqual({
      orderCount: 0,
      lifetimeValue: 0,
      lastPurchaseAt: null,
      recentPurchases: [],
    });
  });

  test('numeric columns (text from pg) become numbers; the purchases keep their order', () => {
    const approvedAt = new Date('2026-03-01T12:06:00.000Z');
    const items = [{ sku: 'BOOK-001', quantity: 2, unitPrice: 12.5 }];
    expect(
      profileView({ order_count: 2, lifetime_value: '1234.56', last_purchase_at: approvedAt }, [
        { order_id: 'b', total: '25.00', item_count: 2, items, approved_at: approvedAt },
        { order_id: 'a', total: '1209.56', item_count: 1, items, approved_at: new Date(0) },
      ]),
    ).toEqual({
      orderCount: 2,
      lifetimeValue: 1234.56,
      lastPurchaseAt: approvedAt,
      recentPurchases: [
        { orderId: 'b', total: 25, itemCount: 2, items, approvedAt },
        { orderId: 'a', total: 1209.56, itemCount: 1, items, approvedAt: new Date(0) },
      ],
    });
  });
});
