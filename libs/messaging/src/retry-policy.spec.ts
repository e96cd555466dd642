import { describe, expect, test } from '@jest/globals';
import { backoffMs } from './retry-policy.js';

describe('backoffMs', () => {
  const policy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 1_000 };

  test('doubles per attempt and stops at the cap', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(policy, attempt, middle))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  test('jitters within ±20 %', () => {
    expect(backoffMs(policy, 1, () => 0)).toBe(80);
    expect(backoffMs(policy, 1, () => 1)).toBe(120);
  });
});
