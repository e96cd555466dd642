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

/**
 * The ramp's first rate: one factor above the highest fixed rate that held, or one factor below the lowest fixed
 * rate when none held (the ramp then walks down to the first rate that holds).
 */
export function rampStart(fixed: readonly StepOutcome[], factor: number, explicit: number | null): number {
  if (explicit !== null) return explicit;
  const held = fixed.filter((s) => !s.saturated).map((s) => s.offeredPerSecond);
  if (held.length) return round(Math.max(...held) * factor);
  const offered = fixed.map((s) => s.offeredPerSecond);
  return offered.length ? round(Math.min(...offered) / factor) : 10;
}

export type RampDecision = { readonly next: number } | { readonly stop: string };

/**
 * Next ramp rate after the ramp's own steps so far: up by `factor` while steps hold, until the first saturated one
 * (the ceiling lies below it); when the first step is already saturated, down by `factor` until one holds.
 */
export function nextRampRate(ramp: readonly StepOutcome[], policy: RampPolicy, start: number): RampDecision {
  if (policy.maxSteps === 0) return { stop: 'the ramp is off (--ramp-steps 0)' };
  if (ramp.length === 0) return { next: start };
  const last = ramp.at(-1)!;
  const goingDown = ramp[0]!.saturated;
  if (!goingDown && last.saturated) return { stop: `saturated at ${last.offeredPerSecond}/s offered` };
  if (goingDown && !last.saturated) return { stop: `held again at ${last.offeredPerSecond}/s offered` };
  if (ramp.length >= policy.maxSteps) {
    return {
      stop: goingDown
        ? `${ramp.length} ramp steps, all saturated (--ramp-steps)`
        : `${ramp.length} ramp steps without saturation (--ramp-steps); the ceiling is above ${last.offeredPerSecond}/s`,
    };
  }
  const next = round(
    goingDown ? last.offeredPerSecond / policy.factor : last.offeredPerSecond * policy.factor,
  );
  if (goingDown && next < policy.minRate)
    return { stop: `saturated down to ${last.offeredPerSecond}/s offered` };
  return { next };
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
