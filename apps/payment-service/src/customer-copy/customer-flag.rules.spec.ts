import { describe, expect, test } from '@jest/globals';
import { type CustomerFlag, type FlagEvent, applyFlagEvent, isHeld } from './customer-flag.rules.js';

const customerId = 'cust-flagged';
const flagged = (eventId: string, flaggedAt: string, rule = 'repeated-payment-declines'): FlagEvent => ({
  type: 'CustomerFlagged',
  eventId,
  payload: {
    customerId,
    rule,
    evidence: [
      { eventId: '6f1c1c4e-8d7e-4a53-9f59-2d7f0f1d6a11', type: 'PaymentDeclined', occurredAt: flaggedAt },
    ],
    windowMs: 600_000,
    flaggedAt,
  },
});
const cleared = (clearedAt: string, clearedBy = 'ops-ada'): FlagEvent => ({
  type: 'CustomerFlagCleared',
  payload: { customerId, clearedBy, note: 'called the customer', clearedAt },
});

const first = flagged('0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10', '2026-01-01T10:00:00.000Z');
const second = flagged('1c9f3b4f-6c1d-4b4a-8b54-5b9f7f2f8c21', '2026-01-01T11:00:00.000Z', 'another-rule');

/** The flag after consuming `events` in this order, as the consumer does: an unchanged flag stays as it was. */
const replay = (events: readonly FlagEvent[]): CustomerFlag | null =>
  events.reduce<CustomerFlag | null>((flag, event) => applyFlagEvent(flag, event) ?? flag, null);

describe('applyFlagEvent', () => {
  test('flagged: held, with the rule, since when, and the flag event', () => {
    const flag = replay([first]);
    expect(flag).toEqual({
      customerId,
      rule: 'repeated-payment-declines',
      flaggedAt: new Date('2026-01-01T10:00:00.000Z'),
      flagEventId: first.type === 'CustomerFlagged' ? first.eventId : '',
      clearedAt: null,
      clearedBy: null,
      clearNote: null,
    });
    expect(isHeld(flag)).toBe(true);
  });

  test('a flag for a customer payment knows nothing else of is kept all the same', () => {
    expect(applyFlagEvent(null, first)).toMatchObject({ customerId, clearedAt: null });
  });

  test('cleared: the hold is lifted, with when, by whom and the note; the flag it lifted stays on record', () => {
    const flag = replay([first, cleared('2026-01-01T10:30:00.000Z')]);
    expect(flag).toMatchObject({
      rule: 'repeated-payment-declines',
      flaggedAt: new Date('2026-01-01T10:00:00.000Z'),
      clearedAt: new Date('2026-01-01T10:30:00.000Z'),
      clearedBy: 'ops-ada',
      clearNote: 'called the customer',
    });
    expect(isHeld(flag)).toBe(false);
  });

  test('flagged, cleared, flagged again: held again by the new flag', () => {
    const flag = replay([first, cleared('2026-01-01T10:30:00.000Z'), second]);
    expect(flag).toMatchObject({
      rule: 'another-rule',
      flaggedAt: new Date('2026-01-01T11:00:00.000Z'),
      clearedAt: null,
      clearedBy: null,
      clearNote: null,
    });
    expect(isHeld(flag)).toBe(true);
  });

  test('a second flag while held changes nothing: the hold stands since the first', () => {
    const held = replay([first]);
    expect(applyFlagEvent(held, second)).toBeNull();
    expect(applyFlagEvent(held, first)).toBeNull();
  });

  test('a clear with no hold to lift changes nothing (no flag, or cleared already)', () => {
    expect(applyFlagEvent(null, cleared('2026-01-01T10:30:00.000Z'))).toBeNull();
    const clearedOnce = replay([first, cleared('2026-01-01T10:30:00.000Z')]);
    expect(applyFlagEvent(clearedOnce, cleared('2026-01-01T10:45:00.000Z', 'ops-bob'))).toBeNull();
  });
});
