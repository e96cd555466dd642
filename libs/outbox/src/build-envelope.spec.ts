import { describe, expect, test } from '@jest/globals';
import { parseEvent } from '@edr/contracts';
import { buildEnvelope } from './build-envelope.js';

describe('buildEnvelope', () => {
  test('produces an envelope that consumers accept', () => {
    const orderId = '6f1c1c4e-8d7e-4a53-9f59-2d7f0f1d6a11';
    const envelope = buildEnvelope({
      type: 'OrderPlaced',
      schemaVersion: 1,
      aggregateType: 'order',
      aggregateId: orderId,
      correlationId: 'corr-1',
      causationId: null,
      occurredAt: new Date('2026-11-28T10:00:00Z'),
      payload: {
        orderId,
        customerId: 'c-1',
        items: [{ sku: 'SKU-1', quantity: 1, unitPrice: 5 }],
        shippingAddress: { line1: 'a', city: 'b', postalCode: 'c', country: 'DE' },
        total: 5,
        placedAt: '2026-11-28T10:00:00.000Z',
      },
    });
    expect(envelope.occurredAt).toBe('2026-11-28T10:00:00.000Z');
    expect(envelope.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(parseEvent(envelope)).toMatchObject({ ok: true });
  });

  test('gives every event its own id', () => {
    const make = () =>
      buildEnvelope({
        type: 'X',
        schemaVersion: 1,
        aggregateType: 'order',
        aggregateId: 'a',
        correlationId: 'c',
        causationId: null,
        payload: {},
      });
    expect(make().eventId).not.toBe(make().eventId);
  });
});
