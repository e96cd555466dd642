import { describe, expect, test } from '@jest/globals';
import {
  OrderCompensatedEvent,
  OrderPaymentAuthorizedEvent,
  OrderRejectedEvent,
  OrderRejectionStartedEvent,
} from '../domain/order-events.js';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { orderEventEnvelopes } from '../event-store/order-event-envelopes.js';
import { OrderLog } from './order-log.js';
import { judgeOrder, servedIsAhead } from './order-outcome.js';

const orderId = '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10';
const reason = { step: 'INVENTORY', code: 'UNKNOWN_SKU', detail: 'no such SKU: NOPE' } as const;

/**
 * An order rejected at inventory and refunded, decided by the aggregate; its events one second apart, as the order
 * service stores and publishes them. Returns what GET serves (the aggregate's state, with the stored times, as JSON)
 * and the order's stream as the replay reads it from order.events.
 */
function rejectedOrder() {
  const order = OrderAggregate.place({
    orderId,
    customerId: 'cust-small',
    items: [
      { sku: 'BOOK-001', quantity: 2, unitPrice: 12.5 },
      { sku: 'NOPE', quantity: 1, unitPrice: 8.99 },
    ],
    shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
    placedAt: new Date('2026-11-28T09:00:00.000Z'),
  });
  order.record(new OrderPaymentAuthorizedEvent({ orderId, paymentId: 'pay-1', amount: 33.99 }));
  order.record(new OrderRejectionStartedEvent({ orderId, reason, compensations: ['REFUND_PAYMENT'] }));
  order.record(new OrderCompensatedEvent({ orderId, compensation: 'REFUND_PAYMENT' }));
  order.record(new OrderRejectedEvent({ orderId, reason }));
  const times = order
    .getUncommittedEvents()
    .map((_, i) => new Date(Date.parse('2026-11-28T09:00:00.000Z') + i * 1000));
  const envelopes = order.getUncommittedEvents().map(
    (event, i) =>
      orderEventEnvelopes(orderId, [event], {
        correlationId: 'c',
        causationId: null,
        occurredAt: times[i],
      })[0]!,
  );
  const log = new OrderLog();
  envelopes.forEach((envelope, i) =>
    log.add({
      partition: 0,
      offset: String(i),
      key: Buffer.from(orderId),
      value: Buffer.from(JSON.stringify(envelope)),
    }),
  );
  const served = JSON.parse(
    JSON.stringify({
      ...order.toState(),
      updatedAt: times.at(-1)!.toISOString(),
      saga: { phase: 'REJECTED' },
    }),
  ) as Record<string, unknown>;
  return { served, stream: log.streams.get(orderId)! };
}

describe('judgeOrder', () => {
  test("the log's events folded with the aggregate equal the state GET serves: match", () => {
    const { served, stream } = rejectedOrder();
    const outcome = judgeOrder(orderId, stream, { found: true, order: served });
    expect(outcome).toMatchObject({
      kind: 'match',
      replayed: {
        status: 'REJECTED',
        version: 5,
        compensationsDone: ['REFUND_PAYMENT'],
        rejectionReason: reason,
      },
    });
    expect(servedIsAhead(outcome)).toBe(false);
  });

  test('an event in the store the log lacks: mismatch on version and updatedAt, and GET is ahead', () => {
    const { served, stream } = rejectedOrder();
    const outcome = judgeOrder(orderId, stream, {
      found: true,
      order: { ...served, version: 6, updatedAt: '2026-11-28T09:10:00.000Z' },
    });
    expect(outcome).toMatchObject({
      kind: 'mismatch',
      servedVersion: 6,
      differences: [
        { path: 'updatedAt', log: '2026-11-28T09:00:04.000Z', served: '2026-11-28T09:10:00.000Z' },
        { path: 'version', log: 5, served: 6 },
      ],
    });
    expect(servedIsAhead(outcome)).toBe(true);
  });

  test('a mismatch where the log is ahead (or equal) is not waited for', () => {
    const { served, stream } = rejectedOrder();
    const outcome = judgeOrder(orderId, stream, { found: true, order: { ...served, status: 'APPROVED' } });
    expect(outcome).toMatchObject({ kind: 'mismatch', differences: [{ path: 'status' }] });
    expect(servedIsAhead(outcome)).toBe(false);
  });

  test('one side without the order', () => {
    const { served, stream } = rejectedOrder();
    expect(judgeOrder(orderId, stream, { found: false })).toEqual({
      kind: 'unknown-to-get',
      orderId,
      events: 5,
      firstPosition: 'order.events[0]@0',
    });
    const notInLog = judgeOrder(orderId, undefined, { found: true, order: served });
    expect(notInLog).toEqual({ kind: 'not-in-log', orderId, servedVersion: 5 });
    expect(servedIsAhead(notInLog)).toBe(true);
    expect(judgeOrder(orderId, [], { found: false })).toEqual({ kind: 'not-found', orderId });
  });
});
