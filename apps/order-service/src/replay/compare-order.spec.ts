import { describe, expect, test } from '@jest/globals';
import type { ReplayedOrder } from '../event-store/order-from-stream.js';
import { compareOrder, compareStreams } from './compare-order.js';

const replayed: ReplayedOrder = {
  orderId: '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10',
  customerId: 'demo-customer',
  status: 'REJECTED',
  rejectionReason: { step: 'INVENTORY', code: 'UNKNOWN_SKU', detail: 'no such SKU' },
  items: [
    { sku: 'BOOK-001', quantity: 2, unitPrice: 12.5 },
    { sku: 'NOPE', quantity: 1, unitPrice: 1 },
  ],
  shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  total: 26,
  paymentId: 'pay-1',
  reservationId: null,
  shipmentId: null,
  compensationsDone: ['REFUND_PAYMENT'],
  placedAt: '2026-11-28T09:00:00.000Z',
  updatedAt: '2026-11-28T09:00:04.000Z',
  version: 5,
};

/** GET's answer: the same state as JSON, plus the saga block the comparison leaves out. */
const served = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...(JSON.parse(JSON.stringify(replayed)) as Record<string, unknown>),
  saga: { phase: 'REJECTED', step: null, attempts: 0 },
  ...changes,
});

describe('compareOrder', () => {
  test('equal state: no difference, whatever the saga block says', () => {
    expect(compareOrder(replayed, served())).toEqual([]);
    expect(compareOrder(replayed, served({ saga: null }))).toEqual([]);
  });

  test('each differing field by its path, with both values', () => {
    expect(
      compareOrder(
        replayed,
        served({
          status: 'APPROVED',
          version: 6,
          rejectionReason: { ...replayed.rejectionReason, code: 'OUT_OF_STOCK' },
          items: [replayed.items[0], { ...replayed.items[1], quantity: 3 }],
        }),
      ),
    ).toEqual([
      { path: 'status', log: 'REJECTED', served: 'APPROVED' },
      { path: 'rejectionReason.code', log: 'UNKNOWN_SKU', served: 'OUT_OF_STOCK' },
      { path: 'items.1.quantity', log: 1, served: 3 },
      { path: 'version', log: 5, served: 6 },
    ]);
  });

  test('an element or field only one side has', () => {
    expect(
      compareOrder(
        replayed,
        served({ compensationsDone: ['REFUND_PAYMENT', 'RELEASE_INVENTORY'], total: undefined }),
      ),
    ).toEqual([
      { path: 'total', log: 26, served: undefined },
      { path: 'compensationsDone.1', log: undefined, served: 'RELEASE_INVENTORY' },
    ]);
    const withoutPaymentId = served();
    delete withoutPaymentId.paymentId;
    expect(compareOrder(replayed, withoutPaymentId)).toEqual([
      { path: 'paymentId', log: 'pay-1', served: undefined },
    ]);
  });

  test('null against an object, and a number against its string, differ', () => {
    expect(compareOrder(replayed, served({ rejectionReason: null, total: '26' }))).toEqual([
      { path: 'rejectionReason', log: replayed.rejectionReason, served: null },
      { path: 'total', log: 26, served: '26' },
    ]);
  });
});

describe('compareStreams', () => {
  const event = (version: number, eventId: string) => ({ version, type: 'OrderPlaced', eventId });

  test('names the events, by id, that only one side holds', () => {
    expect(
      compareStreams(
        [event(1, 'e1'), event(2, 'e2'), event(3, 'e9')],
        [event(1, 'e1'), event(2, 'e2'), event(3, 'e3')],
      ),
    ).toEqual({ onlyServed: [event(3, 'e3')], onlyInLog: [event(3, 'e9')] });
    expect(compareStreams([event(1, 'e1')], [event(1, 'e1')])).toEqual({ onlyServed: [], onlyInLog: [] });
  });
});
