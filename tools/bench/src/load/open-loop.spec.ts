import { describe, expect, it } from '@jest/globals';
import { schedule } from './open-loop.js';

describe('schedule', () => {
  it('spaces orders evenly and measures those after the warm-up', () => {
    const plan = schedule({ rate: 4, warmupSeconds: 1, durationSeconds: 2 });
    expect(plan.map((o) => o.dueMs)).toEqual([
      0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2250, 2500, 2750,
    ]);
    expect(plan.filter((o) => o.measured)).toHaveLength(8);
    expect(plan[3]!.measured).toBe(false);
    expect(plan[4]!.measured).toBe(true);
  });

  it('measures everything without a warm-up', () => {
    expect(schedule({ rate: 2.5, warmupSeconds: 0, durationSeconds: 2 }).every((o) => o.measured)).toBe(true);
  });
});
