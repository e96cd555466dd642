import { describe, expect, it } from '@jest/globals';
import { resultStem } from './write-results.js';

describe('resultStem', () => {
  it('is the UTC start time without colons or milliseconds', () => {
    expect(resultStem('2026-12-02T03:14:24.113Z')).toBe('2026-12-02T03-14-24Z');
  });
});
