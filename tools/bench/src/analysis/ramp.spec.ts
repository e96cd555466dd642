import { describe, expect, it } from '@jest/globals';
import { ceilingOf, nextRampRate, verdict } from './ramp.js';

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

describe('nextRampRate', () => {
  const policy = { factor: 1.5, maxSteps: 4, minRate: 1 };
  const held = (offeredPerSecond: number) => ({ offeredPerSecond, saturated: false });
  const saturated = (offeredPerSecond: number) => ({ offeredPerSecond, saturated: true });

  it('goes up by the factor while nothing above saturated', () => {
    expect(nextRampRate([held(10), held(20)], 0, policy, null)).toEqual({ next: 30 });
  });

  it('goes down by the factor while nothing held', () => {
    expect(nextRampRate([saturated(10), saturated(30)], 0, policy, null)).toEqual({ next: 6.7 });
    expect(nextRampRate([saturated(1.2)], 1, policy, null)).toEqual({
      stop: 'saturated down to 1.2/s offered',
    });
  });

  it('bisects between the highest held and the lowest saturated rate above it', () => {
    expect(nextRampRate([held(10), saturated(40)], 0, policy, null)).toEqual({ next: 20 });
    // A lower rate that saturated (noise) does not bound the search.
    expect(nextRampRate([saturated(5), held(10), saturated(40)], 0, policy, null)).toEqual({ next: 20 });
  });

  it('stops once the bounds are less than one factor apart', () => {
    expect(nextRampRate([held(10), saturated(40), held(20), saturated(28.3)], 2, policy, null)).toEqual({
      stop: 'the ceiling lies between 20/s (held) and 28.3/s (saturated) offered',
    });
  });

  it('stops after maxSteps, starts at --ramp-start, or is off', () => {
    expect(nextRampRate([held(10), held(15), held(22.5), held(33.8), held(50.7)], 4, policy, null)).toEqual({
      stop: '4 ramp steps (--ramp-steps): held up to 50.7/s',
    });
    expect(nextRampRate([held(10)], 0, policy, 12)).toEqual({ next: 12 });
    expect(nextRampRate([], 0, { ...policy, maxSteps: 0 }, null)).toEqual({
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
