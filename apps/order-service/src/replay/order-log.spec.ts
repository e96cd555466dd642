import { describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@edr/contracts';
import { OrderPaymentAuthorizedEvent } from '../domain/order-events.js';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { orderEventEnvelopes } from '../event-store/order-event-envelopes.js';
import { type LogRecord, OrderLog } from './order-log.js';

/** An order placed and paid, as the order service publishes it: two envelopes on order.events. */
function placedAndPaid(orderId = randomUUID()): EventEnvelope[] {
  const order = OrderAggregate.place({
    orderId,
    customerId: 'demo-customer',
    items: [{ sku: 'BOOK-001', quantity: 2, unitPrice: 12.5 }],
    shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
    placedAt: new Date('2026-11-28T09:00:00.000Z'),
  });
  order.record(new OrderPaymentAuthorizedEvent({ orderId, paymentId: 'pay-1', amount: 25 }));
  return orderEventEnvelopes(orderId, order.getUncommittedEvents(), {
    correlationId: 'corr-1',
    causationId: null,
    occurredAt: new Date('2026-11-28T09:00:01.000Z'),
  });
}

let offset = 0;
/** A record of order.events carrying `value` (an envelope is sent as JSON), keyed like the relay keys it. */
const recordOf = (value: unknown, key: string | null = (value as EventEnvelope).aggregateId): LogRecord => ({
  partition: 2,
  offset: String(offset++),
  key: key === null ? null : Buffer.from(key),
  value: typeof value === 'string' ? Buffer.from(value) : Buffer.from(JSON.stringify(value)),
});

describe('OrderLog', () => {
  test("groups valid events by order, in log order, as that order's stream with versions counted up", () => {
    const first = placedAndPaid();
    const second = placedAndPaid();
    const log = new OrderLog();
    for (const envelope of [first[0]!, second[0]!, first[1]!, second[1]!]) log.add(recordOf(envelope));

    const stream = log.streams.get(first[0]!.aggregateId)!;
    expect(stream.map((e) => [e.version, e.type, e.eventId])).toEqual([
      [1, 'OrderPlaced', first[0]!.eventId],
      [2, 'OrderPaymentAuthorized', first[1]!.eventId],
    ]);
    expect(stream[1]).toMatchObject({
      streamId: first[0]!.aggregateId,
      payload: first[1]!.payload,
      correlationId: 'corr-1',
      causationId: null,
      occurredAt: new Date('2026-11-28T09:00:01.000Z'),
      position: expect.stringMatching(/^order\.events\[2\]@\d+$/),
    });
    expect([...log.streams.keys()]).toEqual([first[0]!.aggregateId, second[0]!.aggregateId]);
    expect({ records: log.records, events: log.events, duplicates: log.duplicates }).toEqual({
      records: 4,
      events: 4,
      duplicates: 0,
    });
  });

  test('a redelivered event (same event id) is counted once and not folded twice', () => {
    const [placed, paid] = placedAndPaid();
    const log = new OrderLog();
    for (const envelope of [placed!, paid!, paid!, placed!]) log.add(recordOf(envelope));
    expect(log.streams.get(placed!.aggregateId)!.map((e) => e.type)).toEqual([
      'OrderPlaced',
      'OrderPaymentAuthorized',
    ]);
    expect({ records: log.records, events: log.events, duplicates: log.duplicates }).toEqual({
      records: 4,
      events: 2,
      duplicates: 2,
    });
  });

  test('invalid records are kept with their position and the reason, and folded into nothing', () => {
    const [placed] = placedAndPaid();
    const other = randomUUID();
    const log = new OrderLog();
    const bad: Array<[unknown, string | null, RegExp]> = [
      ['not json', 'k', /record value is not JSON/],
      [{ ...placed, eventId: 'x' }, placed!.aggregateId, /invalid envelope: eventId/],
      [{ ...placed, type: 'OrderTeleported' }, placed!.aggregateId, /unknown event type "OrderTeleported"/],
      [
        { ...placed, payload: { ...placed!.payload, total: -1 } },
        placed!.aggregateId,
        /invalid OrderPlaced v1 payload: total/,
      ],
      [
        {
          ...placed,
          type: 'PaymentAuthorized',
          aggregateType: 'payment',
          payload: { orderId: placed!.aggregateId, paymentId: 'p', customerId: 'c', amount: 1 },
        },
        placed!.aggregateId,
        /PaymentAuthorized \(aggregate payment\) is not an event of the Order/,
      ],
      [placed, other, new RegExp(`record key "${other}" is not the event's order id`)],
      [{ ...placed, aggregateId: other }, other, /payload orderId ".*" is not the aggregate id/],
    ];
    for (const [value, key] of bad) log.add(recordOf(value, key));
    log.add({ partition: 0, offset: '7', key: null, value: null });

    expect(log.streams.size).toBe(0);
    expect(log.invalid).toHaveLength(bad.length + 1);
    bad.forEach(([, key, reason], i) => {
      expect(log.invalid[i]).toMatchObject({ key, position: expect.stringMatching(/^order\.events\[2\]@/) });
      expect(log.invalid[i]!.error).toMatch(reason);
    });
    expect(log.invalid.at(-1)).toEqual({
      position: 'order.events[0]@7',
      key: null,
      error: 'record value is null (tombstone?)',
    });
  });
});
