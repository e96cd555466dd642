import { describe, expect, it } from '@jest/globals';
import type { SeenRecord } from '../kafka/record-stream.js';
import { SagaTracker } from './saga-tracker.js';

const event = (
  orderId: string,
  eventType: string,
  occurredAt: string,
  receivedAt: number,
  payload = {},
): SeenRecord => ({
  topic: 'order.events',
  key: orderId,
  eventType,
  recordTimestamp: receivedAt,
  receivedAt,
  envelope: { occurredAt, payload },
});

describe('SagaTracker', () => {
  it('records event times and the end, and resolves a waiter', async () => {
    const tracker = new SagaTracker();
    const ended = tracker.ended('o-1');
    tracker.placed('o-1');
    expect(tracker.inFlight).toBe(1);
    tracker.onRecord(event('o-1', 'OrderPlaced', '2026-01-01T00:00:00.000Z', 10));
    tracker.onRecord(event('o-1', 'OrderApproved', '2026-01-01T00:00:00.250Z', 300));
    await expect(ended).resolves.toEqual({
      outcome: 'APPROVED',
      reason: null,
      occurredAt: Date.parse('2026-01-01T00:00:00.250Z'),
      observedAt: 300,
    });
    expect(tracker.inFlight).toBe(0);
    expect(tracker.trace('o-1').events.get('OrderPlaced')).toBe(Date.parse('2026-01-01T00:00:00.000Z'));
    expect(tracker.endsBetween(0, 299)).toBe(0);
    expect(tracker.endsBetween(0, 300)).toBe(1);
  });

  it('knows an end that came before anyone asked, and keeps the rejection reason', async () => {
    const tracker = new SagaTracker();
    const reason = { step: 'PAYMENT', code: 'TIMEOUT', detail: 'no reply' };
    tracker.onRecord(event('o-2', 'OrderRejectionStarted', '2026-01-01T00:00:01.000Z', 5, { reason }));
    expect(tracker.trace('o-2').rejecting).toEqual(reason);
    tracker.onRecord(event('o-2', 'OrderRejected', '2026-01-01T00:00:02.000Z', 6, { reason }));
    await expect(tracker.ended('o-2')).resolves.toMatchObject({ outcome: 'REJECTED', reason });
    tracker.placed('o-2');
    expect(tracker.inFlight).toBe(0);
  });

  it('ignores other topics and a duplicate end', () => {
    const tracker = new SagaTracker();
    tracker.onRecord({
      ...event('o-3', 'OrderApproved', '2026-01-01T00:00:00.000Z', 1),
      topic: 'payment.events',
    });
    expect(tracker.trace('o-3').end).toBeNull();
    tracker.onRecord(event('o-3', 'OrderApproved', '2026-01-01T00:00:00.000Z', 1));
    tracker.onRecord(event('o-3', 'OrderApproved', '2026-01-01T00:00:00.000Z', 2));
    expect(tracker.ends).toEqual([1]);
  });
});
