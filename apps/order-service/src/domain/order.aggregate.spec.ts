import { describe, expect, test } from '@jest/globals';
import { OrderAggregate } from './order.aggregate.js';
import { orderTotal } from './order-total.js';

const command = {
  orderId: '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10',
  customerId: 'c-1',
  items: [
    { sku: 'A', quantity: 3, unitPrice: 0.1 },
    { sku: 'B', quantity: 1, unitPrice: 19.99 },
  ],
  shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  placedAt: new Date('2026-11-28T09:00:00Z'),
};

describe('OrderAggregate', () => {
  test('placing an order records one OrderPlaced with the computed total', () => {
    const order = OrderAggregate.place(command);
    const events = order.getUncommittedEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ orderId: command.orderId, total: 20.29 });
    expect(order).toMatchObject({ status: 'PENDING', version: 1, total: 20.29 });
  });

  test('replaying the stream rebuilds the same state without new events', () => {
    const placed = OrderAggregate.place(command);
    const rebuilt = OrderAggregate.fromHistory(placed.getUncommittedEvents());
    expect(rebuilt.getUncommittedEvents()).toHaveLength(0);
    expect(rebuilt.toState()).toEqual(placed.toState());
  });

  test('totals are exact in cents', () => {
    expect(orderTotal([{ quantity: 3, unitPrice: 0.1 }])).toBe(0.3);
    expect(orderTotal([{ quantity: 7, unitPrice: 1.15 }])).toBe(8.05);
  });
});
