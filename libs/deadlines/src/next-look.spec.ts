import { describe, expect, test } from '@jest/globals';
import { type LookOutcome, MIN_SLEEP_MS, RETRY_AFTER_FAILURE_MS, nextLookDelay } from './next-look.js';

const now = 1_000_000;
const quiet: LookOutcome = {
  now,
  nextDeadline: null,
  announced: null,
  batchFull: false,
  failed: false,
  backstopMs: 5_000,
};

describe('nextLookDelay', () => {
  test('nothing in flight: the backstop', () => {
    expect(nextLookDelay(quiet)).toBe(5_000);
  });

  test('until the earliest pending deadline, from the table or announced in-process', () => {
    expect(nextLookDelay({ ...quiet, nextDeadline: now + 1_200 })).toBe(1_200);
    expect(nextLookDelay({ ...quiet, announced: now + 700 })).toBe(700);
    expect(nextLookDelay({ ...quiet, nextDeadline: now + 1_200, announced: now + 700 })).toBe(700);
    expect(nextLookDelay({ ...quiet, nextDeadline: now + 900, announced: now + 3_000 })).toBe(900);
  });

  test('a deadline beyond the backstop: the backstop', () => {
    expect(nextLookDelay({ ...quiet, nextDeadline: now + 60_000 })).toBe(5_000);
  });

  test('a full batch: at once', () => {
    expect(nextLookDelay({ ...quiet, batchFull: true, nextDeadline: now - 5 })).toBe(0);
  });

  test('a deadline at hand or just passed: the minimum sleep, never a spin', () => {
    expect(nextLookDelay({ ...quiet, nextDeadline: now + 1 })).toBe(MIN_SLEEP_MS);
    expect(nextLookDelay({ ...quiet, nextDeadline: now - 50 })).toBe(MIN_SLEEP_MS);
  });

  test('after a failure (a command, or the look itself): the retry pace, never past the backstop', () => {
    expect(nextLookDelay({ ...quiet, failed: true, nextDeadline: now - 50 })).toBe(RETRY_AFTER_FAILURE_MS);
    expect(nextLookDelay({ ...quiet, failed: true, batchFull: true })).toBe(RETRY_AFTER_FAILURE_MS);
    expect(nextLookDelay({ ...quiet, failed: true, nextDeadline: now + 2_000 })).toBe(RETRY_AFTER_FAILURE_MS);
    expect(nextLookDelay({ ...quiet, failed: true, backstopMs: 100 })).toBe(100);
  });
});
