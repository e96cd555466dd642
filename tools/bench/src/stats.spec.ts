import { describe, expect, it } from '@jest/globals';
import { mean, percentile, ratio, summarize } from './stats.js';

describe('summarize', () => {
  it('reports nearest-rank percentiles of measured values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(values)).toEqual({ count: 100, mean: 50.5, median: 50, p95: 95, p99: 99, max: 100 });
  });

  it('is null for an empty sample', () => {
    expect(summarize([])).toBeNull();
  });

  it('handles a single value', () => {
    expect(summarize([7])).toEqual({ count: 1, mean: 7, median: 7, p95: 7, p99: 7, max: 7 });
  });
});

describe('percentile', () => {
  it('refuses an empty sample', () => {
    expect(() => percentile([], 50)).toThrow('empty');
  });
});

describe('ratio and mean', () => {
  it('is null when a side is unknown or the divisor is zero', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(3, 2)).toBe(1.5);
    expect(mean([])).toBeNull();
    expect(mean([1, 2])).toBe(1.5);
  });
});
