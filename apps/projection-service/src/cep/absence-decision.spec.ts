import { describe, expect, test } from '@jest/globals';
import { deadlineOf, decideAbsence } from './absence-decision.js';

const approvedAt = new Date('2026-01-01T12:00:00.000Z');
const deadline = deadlineOf(approvedAt, 60_000);
const plus = (ms: number) => new Date(approvedAt.getTime() + ms);

describe('decideAbsence (the absence pattern, by event time)', () => {
  test('the deadline is the start event time plus the window', () => {
    expect(deadline.toISOString()).toBe('2026-01-01T12:01:00.000Z');
  });

  test('no expected event yet: wait (the wall clock decides later)', () => {
    expect(decideAbsence(deadline, null)).toEqual({ kind: 'wait' });
  });

  test('the expected event by the deadline, boundary included: satisfied', () => {
    expect(decideAbsence(deadline, plus(30_000))).toEqual({ kind: 'satisfied' });
    expect(decideAbsence(deadline, plus(60_000))).toEqual({ kind: 'satisfied' });
  });

  test('the expected event before the start (topics interleave): satisfied', () => {
    expect(decideAbsence(deadline, plus(-5_000))).toEqual({ kind: 'satisfied' });
  });

  test('the expected event after the deadline: fire, with its time', () => {
    expect(decideAbsence(deadline, plus(60_001))).toEqual({ kind: 'fire', expectedAt: plus(60_001) });
  });
});
