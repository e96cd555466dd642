import { describe, expect, it } from '@jest/globals';
import { sampleResult } from '../sample-result.js';
import { flashSaleRate, flashSaleResult } from './flash-sale.js';

const ceiling = (at: number | null) => ({
  sagasPerSecond: at,
  atOfferedPerSecond: at,
  stoppedBecause: '',
  bestCompletedPerSecond: 0,
});

describe('flashSaleRate', () => {
  it('takes the chosen rate, 0 skipping the flash sale', () => {
    expect(flashSaleRate(20, ceiling(30), [10])).toBe(20);
    expect(flashSaleRate(0, ceiling(30), [10])).toBeNull();
  });

  it('defaults to the ceiling rate, else the lowest rate offered', () => {
    expect(flashSaleRate(null, ceiling(30), [10, 30])).toBe(30);
    expect(flashSaleRate(null, ceiling(null), [10, 30, 6.7, 4.5])).toBe(4.5);
    expect(flashSaleRate(null, ceiling(null), [])).toBeNull();
  });
});

describe('flashSaleResult', () => {
  const steps = sampleResult().steps;
  const spread = steps[0]!;

  it('compares with the spread-SKU step at the same rate', () => {
    const flash = {
      ...spread,
      phase: 'flash-sale' as const,
      completedPerSecond: spread.completedPerSecond * 0.8,
    };
    const result = flashSaleResult(flash, steps, 8);
    expect(result.reference).toEqual({
      offeredPerSecond: spread.offeredPerSecond,
      completedPerSecond: spread.completedPerSecond,
      skus: 8,
    });
    expect(result.completedVsSpread).toBeCloseTo(0.8);
  });

  it('has no reference when no spread step ran at that rate', () => {
    const flash = { ...spread, phase: 'flash-sale' as const, offeredPerSecond: 999 };
    expect(flashSaleResult(flash, steps, 8)).toMatchObject({ reference: null, completedVsSpread: null });
  });
});
