import { describe, expect, it } from '@jest/globals';
import { ceilingOf, nextRampRate, rampStart, verdict } from './ramp.js';

const bounds = { minCompletedShare: 0.9, p99BoundMs: 1000 };
const healthy = {
  offeredPerSecond: 30,
  completedPerSecond: 29.5,
  clientP99Ms: 400,
  approved: 100,
  timedOut: 0,
  unfinished: 0,
  errors: 0,
};

describe('verdict', () => {
  it('holds when nearly all offered work completes in time', () => {
    expect(verdict(healthy, bounds)).toEqual({ saturated: false, reasons: [] });
  });

  it('names every reason for saturation', () => {
    const { saturated, reasons } = verdict(
      { ...healthy, completedPerSecond: 20, clientP99Ms: 5000, timedOut: 2, unfinished: 3, errors: 1 },
      bounds,
    );
    expect(saturated).toBe(true);
    expect(reasons).toEqual([
      'completed 20.0/s < 90 % of 30/s offered',
      'p99 5000 ms > 1000 ms',
      '2 timed out',
      '3 unfinished after the drain',
      '1 POST errors',
    ]);
  });

  it('counts a step without any approval as saturated', () => {
    expect(verdict({ ...healthy, approved: 0, clientP99Ms: null }, bounds).reasons).toContain(
      'no saga approved',
    );
  });
});

describe('the ramp', () => {
  const policy = { factor: 1.5, maxSteps: 4, minRate: 1 };

  it('starts one factor above the highest fixed rate that held, or below the lowest when none held', () => {
    const fixed = [
      { offeredPerSecond: 10, saturated: false },
      { offeredPerSecond: 30, saturated: false },
      { offeredPerSecond: 60, saturated: true },
    ];
    expect(rampStart(fixed, 1.5, null)).toBe(45);
    expect(
      rampStart(
        fixed.map((s) => ({ ...s, saturated: true })),
        2,
        null,
      ),
    ).toBe(5);
    expect(rampStart(fixed, 1.5, 12)).toBe(12);
  });

  it('goes up until the first saturated step', () => {
    expect(nextRampRate([], policy, 20)).toEqual({ next: 20 });
    expect(nextRampRate([{ offeredPerSecond: 20, saturated: false }], policy, 20)).toEqual({ next: 30 });
    expect(
      nextRampRate(
        [
          { offeredPerSecond: 20, saturated: false },
          { offeredPerSecond: 30, saturated: true },
        ],
        policy,
        20,
      ),
    ).toEqual({ stop: 'saturated at 30/s offered' });
  });

  it('goes down when the first step is saturated, until one holds or the rate is too low', () => {
    expect(nextRampRate([{ offeredPerSecond: 8, saturated: true }], policy, 8)).toEqual({ next: 5.3 });
    expect(
      nextRampRate(
        [
          { offeredPerSecond: 8, saturated: true },
          { offeredPerSecond: 5.3, saturated: false },
        ],
        policy,
        8,
      ),
    ).toEqual({ stop: 'held again at 5.3/s offered' });
    expect(nextRampRate([{ offeredPerSecond: 1.2, saturated: true }], policy, 1.2)).toEqual({
      stop: 'saturated down to 1.2/s offered',
    });
  });

  it('stops after maxSteps, or at once when off', () => {
    const held = [20, 30, 45, 67.5].map((offeredPerSecond) => ({ offeredPerSecond, saturated: false }));
    expect(nextRampRate(held, policy, 20)).toEqual({
      stop: '4 ramp steps without saturation (--ramp-steps); the ceiling is above 67.5/s',
    });
    expect(nextRampRate([], { ...policy, maxSteps: 0 }, 20)).toEqual({
      stop: 'the ramp is off (--ramp-steps 0)',
    });
  });
});

describe('ceilingOf', () => {
  it('is the best completed rate among steps that held', () => {
    const steps = [
      { offeredPerSecond: 30, completedPerSecond: 29.8, saturated: false },
      { offeredPerSecond: 45, completedPerSecond: 44.1, saturated: false },
      { offeredPerSecond: 60, completedPerSecond: 48, saturated: true },
    ];
    expect(ceilingOf(steps, 'saturated at 60/s offered')).toEqual({
      sagasPerSecond: 44.1,
      atOfferedPerSecond: 45,
      stoppedBecause: 'saturated at 60/s offered',
      bestCompletedPerSecond: 48,
    });
    expect(ceilingOf([steps[2]!], 'x')).toMatchObject({ sagasPerSecond: null, bestCompletedPerSecond: 48 });
  });
});
