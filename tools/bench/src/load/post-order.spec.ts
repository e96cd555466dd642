import { describe, expect, it } from '@jest/globals';
import { retryAfterSeconds } from './post-order.js';

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterSeconds('2', 0)).toBe(2);
    expect(retryAfterSeconds('Thu, 01 Jan 1970 00:00:05 GMT', 1_000)).toBe(4);
  });

  it('is null when missing or unreadable', () => {
    expect(retryAfterSeconds(null, 0)).toBeNull();
    expect(retryAfterSeconds('', 0)).toBeNull();
    expect(retryAfterSeconds('soon', 0)).toBeNull();
  });
});
