/** When a step counts as saturated, and how the ramp picks its next rate: pure, so it is unit-tested. */

export interface VerdictInput {
  readonly offeredPerSecond: number;
  readonly completedPerSecond: number;
  readonly clientP99Ms: number | null;
  readonly approved: number;
  readonly timedOut: number;
  readonly unfinished: number;
  readonly errors: number;
}

export interface SaturationBounds {
  /** Completed below this share of the offered rate is saturation (refused orders count as not completed). */
  readonly minCompletedShare: number;
  readonly p99BoundMs: number;
}

export function verdict(
  step: VerdictInput,
  bounds: SaturationBounds,
): { saturated: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (step.completedPerSecond < bounds.minCompletedShare * step.offeredPerSecond) {
    reasons.push(
      `completed ${step.completedPerSecond.toFixed(1)}/s < ${Math.round(bounds.minCompletedShare * 100)} % of ${step.offeredPerSecond}/s offered`,
    );
  }
  if (step.approved === 0) reasons.push('no saga approved');
  else if (step.clientP99Ms !== null && step.clientP99Ms > bounds.p99BoundMs) {
    reasons.push(`p99 ${Math.round(step.clientP99Ms)} ms > ${bounds.p99BoundMs} ms`);
  }
  if (step.timedOut > 0) reasons.push(`${step.timedOut} timed out`);
  if (step.unfinished > 0) reasons.push(`${step.unfinished} unfinished after the drain`);
  if (step.errors > 0) reasons.push(`${step.errors} POST errors`);
  return { saturated: reasons.length > 0, reasons };
}

export interface RampPolicy {
  readonly factor: number;
  readonly maxSteps: number;
  /** Below this the ramp stops going down. */
  readonly minRate: number;
}

export interface StepOutcome {
  readonly offeredPerSecond: number;
  readonly saturated: boolean;
}

const round = (rate: number) => Math.round(rate * 10) / 10;

export type RampDecision = { readonly next: number } | { readonly stop: string };

/**
 * The ramp's next rate, from every step so far (fixed rates and ramp steps): the ceiling lies between the highest
 * rate that held and the lowest rate above it that saturated. Without a saturated rate above, go up by `factor`;
 * without a rate that held, go down by `factor`; with both, try their geometric mean until they are less than one
 * factor apart. `rampSteps` counts the ramp's own steps, `explicitStart` (--ramp-start) is its first rate.
 */
export function nextRampRate(
  steps: readonly StepOutcome[],
  rampSteps: number,
  policy: RampPolicy,
  explicitStart: number | null,
): RampDecision {
  if (policy.maxSteps === 0) return { stop: 'the ramp is off (--ramp-steps 0)' };
  if (rampSteps === 0 && explicitStart !== null) return { next: explicitStart };
  const held = steps.filter((s) => !s.saturated).map((s) => s.offeredPerSecond);
  const lo = held.length ? Math.max(...held) : null;
  const above = steps.filter((s) => s.saturated && (lo === null || s.offeredPerSecond > lo));
  const hi = above.length ? Math.min(...above.map((s) => s.offeredPerSecond)) : null;
  const bounds =
    lo === null
      ? `nothing held up to ${hi}/s`
      : hi === null
        ? `held up to ${lo}/s`
        : `held at ${lo}/s, saturated at ${hi}/s`;
  if (lo !== null && hi !== null && hi / lo <= policy.factor) {
    return { stop: `the ceiling lies between ${lo}/s (held) and ${hi}/s (saturated) offered` };
  }
  if (rampSteps >= policy.maxSteps) return { stop: `${rampSteps} ramp steps (--ramp-steps): ${bounds}` };
  if (lo === null && hi === null) return { next: 10 };
  if (hi === null) return { next: round(lo! * policy.factor) };
  if (lo === null) {
    const next = round(hi / policy.factor);
    return next < policy.minRate ? { stop: `saturated down to ${hi}/s offered` } : { next };
  }
  return { next: round(Math.sqrt(lo * hi)) };
}

export interface CeilingInput extends StepOutcome {
  readonly completedPerSecond: number;
}

/** The ceiling: the highest completed rate among steps that held; the best completed rate of any step beside it. */
export function ceilingOf(steps: readonly CeilingInput[], stoppedBecause: string) {
  const held = steps.filter((s) => !s.saturated);
  const best = held.reduce<CeilingInput | null>(
    (top, s) => (top === null || s.completedPerSecond > top.completedPerSecond ? s : top),
    null,
  );
  return {
    sagasPerSecond: best?.completedPerSecond ?? null,
    atOfferedPerSecond: best?.offeredPerSecond ?? null,
    stoppedBecause,
    bestCompletedPerSecond: Math.max(0, ...steps.map((s) => s.completedPerSecond)),
  };
}
