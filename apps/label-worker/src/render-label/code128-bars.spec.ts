import { describe, expect, test } from '@jest/globals';
import { code128Bars } from './code128-bars.js';

describe('code128Bars', () => {
  test('lays out start B, the data, the check symbol and stop as bars, one module per unit of width', () => {
    // Code 128 "A": start B 211214, A 111323, check (104 + 33) mod 103 = 34 → 131123, stop 2331112; 46 modules.
    const bars = code128Bars('A', 0, 46);
    expect(bars.map(({ x, width }) => [x, width])).toEqual([
      [0, 2], [3, 1], [6, 1],
      [11, 1], [13, 1], [17, 2],
      [22, 1], [26, 1], [28, 2],
      [33, 2], [38, 3], [42, 1], [44, 2],
    ]); // prettier-ignore
  });

  test('spreads the symbol over the span it is given, from its left edge to its right edge', () => {
    const bars = code128Bars('SP0123456789ABCDEF', 18, 252);
    expect(bars[0]?.x).toBe(18);
    const last = bars[bars.length - 1];
    expect((last?.x ?? 0) + (last?.width ?? 0)).toBeCloseTo(270, 9);
    // Three bars per symbol and four in the stop pattern.
    expect(bars.length % 3).toBe(1);
    for (const [index, bar] of bars.entries()) {
      expect(bar.width).toBeGreaterThan(0);
      if (index > 0) expect(bar.x).toBeGreaterThan(bars[index - 1]!.x + bars[index - 1]!.width);
    }
  });
});
