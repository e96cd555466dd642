import { describe, expect, it } from '@jest/globals';
import { groupLag, lagFigures } from './consumer-lag.js';

describe('groupLag', () => {
  const ends = [
    { topic: 'a', partition: 0, low: 0, high: 10 },
    { topic: 'a', partition: 1, low: 5, high: 20 },
    { topic: 'b', partition: 0, low: 0, high: 3 },
  ];

  it('sums end minus committed over the group partitions', () => {
    expect(
      groupLag(
        [
          { topic: 'a', partition: 0, offset: 7 },
          { topic: 'a', partition: 1, offset: 20 },
        ],
        ends,
      ),
    ).toBe(3);
  });

  it('counts an uncommitted partition from the oldest retained record, and ignores unknown ones', () => {
    expect(
      groupLag(
        [
          { topic: 'a', partition: 1, offset: -1 },
          { topic: 'c', partition: 0, offset: 1 },
        ],
        ends,
      ),
    ).toBe(15);
  });
});

describe('lagFigures', () => {
  it('gives max and mean per group', () => {
    expect(lagFigures([{ g: 1, h: 0 }, { g: 5 }, { g: 0, h: 2 }])).toEqual({
      g: { max: 5, mean: 2, samples: 3 },
      h: { max: 2, mean: 1, samples: 2 },
    });
  });
});
