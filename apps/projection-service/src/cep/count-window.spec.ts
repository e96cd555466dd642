import { describe, expect, test } from '@jest/globals';
import type { Occurrence } from './cep-rule.js';
import { findCountMatch } from './count-window.js';

const MIN = 60_000;
const t0 = Date.parse('2026-01-01T12:00:00.000Z');
let n = 0;
const at = (minutes: number, distinctKey: string | null = null): Occurrence => ({
  eventId: `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`,
  type: 'PaymentDeclined',
  occurredAt: new Date(t0 + minutes * MIN),
  distinctKey,
});
const minutesOf = (match: Occurrence[] | null) =>
  match?.map((o) => (o.occurredAt.getTime() - t0) / MIN) ?? null;

describe('findCountMatch (N occurrences within the window, by event time)', () => {
  test('fewer than N: no match', () => {
    expect(findCountMatch([at(0), at(1)], 3, 10 * MIN)).toBeNull();
  });

  test('three within ten minutes: a match, oldest first', () => {
    expect(minutesOf(findCountMatch([at(0), at(4), at(9)], 3, 10 * MIN))).toEqual([0, 4, 9]);
  });

  test('one outside the window: no match; a fourth makes a set of three inside it', () => {
    const declines = [at(0), at(4), at(12)];
    expect(findCountMatch(declines, 3, 10 * MIN)).toBeNull();
    expect(minutesOf(findCountMatch([...declines, at(13)], 3, 10 * MIN))).toEqual([4, 12, 13]);
  });

  test('the window is inclusive: a span of exactly the window matches, a millisecond more does not', () => {
    const edge = { ...at(10), occurredAt: new Date(t0 + 10 * MIN) };
    expect(minutesOf(findCountMatch([at(0), at(5), edge], 3, 10 * MIN))).toEqual([0, 5, 10]);
    const past = { ...edge, occurredAt: new Date(t0 + 10 * MIN + 1) };
    expect(findCountMatch([at(0), at(5), past], 3, 10 * MIN)).toBeNull();
  });

  test('arrival order does not matter: out-of-order occurrences are sorted by event time', () => {
    const arrived = [at(13), at(0), at(12), at(4)];
    expect(minutesOf(findCountMatch(arrived, 3, 10 * MIN))).toEqual([4, 12, 13]);
    expect(minutesOf(findCountMatch([at(9), at(0), at(4)], 3, 10 * MIN))).toEqual([0, 4, 9]);
  });

  test('a late occurrence can complete a set in the past', () => {
    // Two declines long ago, then the third arrives late with an event time between them.
    expect(minutesOf(findCountMatch([at(0), at(8), at(30), at(3)], 3, 10 * MIN))).toEqual([0, 3, 8]);
  });

  test('the earliest qualifying set is the evidence', () => {
    expect(minutesOf(findCountMatch([at(0), at(1), at(2), at(3)], 3, 10 * MIN))).toEqual([0, 1, 2]);
  });

  test('occurrences with the same distinct key count once (the earliest)', () => {
    const retried = [at(0, 'order-a'), at(1, 'order-a'), at(2, 'order-b')];
    expect(findCountMatch(retried, 3, 10 * MIN)).toBeNull();
    expect(minutesOf(findCountMatch([...retried, at(3, 'order-c')], 3, 10 * MIN))).toEqual([0, 2, 3]);
  });

  test('another threshold: N = 2', () => {
    expect(minutesOf(findCountMatch([at(0), at(20), at(25)], 2, 10 * MIN))).toEqual([20, 25]);
  });
});
