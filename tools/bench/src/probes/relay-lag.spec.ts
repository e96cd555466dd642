import { describe, expect, it } from '@jest/globals';
import type { SeenRecord } from '../kafka/record-stream.js';
import { relayLagBetween, relaySample } from './relay-lag.js';

const record = (occurredAt: unknown, recordTimestamp: number, receivedAt: number): SeenRecord => ({
  topic: 'order.events',
  key: 'k',
  eventType: 'OrderPlaced',
  recordTimestamp,
  receivedAt,
  envelope: { occurredAt },
});

describe('relaySample', () => {
  it('takes occurredAt from the envelope', () => {
    expect(
      relaySample(record('2026-01-01T00:00:00.000Z', 1767225600020, 1767225600030), 'order-service'),
    ).toEqual({
      producer: 'order-service',
      occurredAt: 1767225600000,
      recordTimestamp: 1767225600020,
      receivedAt: 1767225600030,
    });
  });

  it('skips records without a usable envelope time or producer', () => {
    expect(relaySample(record(undefined, 1, 2), 'order-service')).toBeNull();
    expect(relaySample(record('not a date', 1, 2), 'order-service')).toBeNull();
    expect(relaySample(record('2026-01-01T00:00:00.000Z', 1, 2), undefined)).toBeNull();
  });
});

describe('relayLagBetween', () => {
  it('summarizes the records seen in the window, overall and per connector', () => {
    const samples = [
      { producer: 'order-service', occurredAt: 0, recordTimestamp: 10, receivedAt: 15 },
      { producer: 'payment-service', occurredAt: 100, recordTimestamp: 130, receivedAt: 140 },
      { producer: 'order-service', occurredAt: 900, recordTimestamp: 910, receivedAt: 1_000_000 },
    ];
    const lag = relayLagBetween(samples, 0, 500);
    expect(lag.toRecordTimestamp).toMatchObject({ count: 2, median: 10, max: 30 });
    expect(lag.toBenchConsumer).toMatchObject({ count: 2, median: 15, max: 40 });
    expect(Object.keys(lag.byProducer)).toEqual(['order-service', 'payment-service']);
    expect(lag.byProducer['payment-service']!.toRecordTimestamp).toMatchObject({ median: 30 });
  });
});
