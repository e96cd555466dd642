import { describe, expect, it } from '@jest/globals';
import { sampleResult } from '../sample-result.js';
import type { BenchResult } from '../result-model.js';
import { compareResults, formatRatio } from './comparison.js';
import { renderComparison } from './render-comparison.js';

describe('formatRatio', () => {
  it('is new ÷ old with two decimals', () => {
    expect(formatRatio(4, 1)).toBe('0.25×');
    expect(formatRatio(6.9, 27.6)).toBe('4.00×');
  });

  it('says when a ratio means nothing', () => {
    expect(formatRatio(null, 3)).toBe('–');
    expect(formatRatio(3, undefined)).toBe('–');
    expect(formatRatio(0, 0)).toBe('=');
    expect(formatRatio(0, 2)).toBe('∞');
    expect(formatRatio(Number.NaN, 2)).toBe('–');
  });
});

describe('compareResults', () => {
  const old = sampleResult();
  const faster: BenchResult = {
    ...old,
    ceiling: { ...old.ceiling, sagasPerSecond: (old.ceiling.sagasPerSecond ?? 1) * 4 },
  };

  it('puts each figure of both runs side by side', () => {
    const figures = compareResults(old, faster);
    const ceiling = figures.find((f) => f.figure.startsWith('ceiling: completed'));
    expect(ceiling?.new).toBe((ceiling?.old ?? 0) * 4);
    expect(
      figures.some((f) => f.section === 'CPU per process (cores)' && f.figure === 'postgres: idle'),
    ).toBe(true);
    expect(figures.some((f) => f.section === 'At 10/s offered' && f.figure.includes('CPU per saga'))).toBe(
      true,
    );
  });

  it('keeps a figure only one side has; drops those neither has but in the headline', () => {
    const withoutIdle: BenchResult = { ...old, idle: null };
    const figures = compareResults(withoutIdle, old);
    const idle = figures.find((f) => f.figure === 'idle stack CPU (cores)');
    expect(idle).toMatchObject({ old: null });
    expect(idle?.new).not.toBeNull();
    const neither = compareResults(withoutIdle, withoutIdle);
    expect(neither.find((f) => f.figure === 'idle stack CPU (cores)')).toMatchObject({
      old: null,
      new: null,
    });
    expect(neither.some((f) => f.figure === 'postgres: idle')).toBe(false);
  });

  it('renders one table per section with the ratio column', () => {
    const markdown = renderComparison(
      { result: old, ref: '62789d6', files: ['a.json'] },
      { result: faster, ref: 'this tree', files: ['b.json'] },
      compareResults(old, faster),
      '--quick',
    );
    expect(markdown).toContain('| figure | old | new | new ÷ old |');
    expect(markdown).toMatch(/\| ceiling: completed sagas\/s[^|]*\| [\d.]+ \| [\d.]+ \| 4\.00× \|/);
    expect(markdown).toContain('`--quick`');
  });
});
