import { describe, expect, test } from '@jest/globals';
import {
  MessageHeaders,
  OrderApproved,
  OrderPlaced,
  Topics,
  messageDefinition,
  parseEvent,
} from '@edr/contracts';
import {
  syntheticBatches,
  syntheticCustomer,
  syntheticOrder,
  syntheticOrdersFor,
} from './synthetic-orders.js';

const now = new Date('2026-12-07T10:00:00.000Z');
const orderId = '3f0b7a52-9d1c-4c55-8a63-1f2b4c3d5e6f';

describe('synthetic orders', () => {
  test('OrderPlaced then OrderApproved: valid catalog envelopes on order.events, keyed by the order id', () => {
    const records = syntheticOrder(now, orderId);
    expect(records.map((r) => r.key)).toEqual([orderId, orderId]);
    const envelopes = records.map((r) => parseEvent(JSON.parse(r.value)));
    for (const parsed of envelopes) expect(parsed.ok).toBe(true);
    const [placed, approved] = envelopes.map((p) => (p.ok ? p.value : null));
    expect(placed).toMatchObject({
      type: OrderPlaced.type,
      aggregateId: orderId,
      occurredAt: now.toISOString(),
      payload: { orderId, customerId: syntheticCustomer, total: 10 },
    });
    expect(approved).toMatchObject({
      type: OrderApproved.type,
      causationId: placed!.eventId,
      payload: { orderId },
    });
    for (const envelope of [placed!, approved!]) {
      expect(messageDefinition(envelope.type, envelope.schemaVersion)?.topic).toBe(Topics.orderEvents);
    }
  });

  test('headers as the outbox router writes them: id = eventId, eventType = type', () => {
    for (const record of syntheticOrder(now, orderId)) {
      const envelope = JSON.parse(record.value) as { eventId: string; type: string; correlationId: string };
      expect(record.headers).toEqual({
        [MessageHeaders.eventId]: envelope.eventId,
        [MessageHeaders.eventType]: envelope.type,
        [MessageHeaders.correlationId]: envelope.correlationId,
      });
    }
  });

  test('two records per order; batches never split an order and cover exactly the orders asked for', () => {
    expect(syntheticOrdersFor(0)).toBe(0);
    expect(syntheticOrdersFor(-5)).toBe(0);
    expect(syntheticOrdersFor(7)).toBe(4);
    const batches = [...syntheticBatches(7, 5, () => now)];
    expect(batches.map((b) => b.length)).toEqual([4, 4, 4, 2]);
    for (const batch of batches) {
      for (let i = 0; i < batch.length; i += 2) expect(batch[i]!.key).toBe(batch[i + 1]!.key);
    }
    expect(new Set(batches.flat().map((r) => r.key)).size).toBe(7);
    expect(() => [...syntheticBatches(1, 1)]).toThrow(/batchSize must be at least 2/);
  });
});
