import type { Ceiling, FlashSaleResult, StepResult } from '../result-model.js';

/**
 * The rate the flash sale is offered at: --flash-sale-rate when given (0: no flash sale), else the ceiling's
 * offered rate (the highest the spread-SKU steps held), else, when none held, the lowest rate any step offered (the
 * nearest to holding); null: no flash sale.
 */
export function flashSaleRate(
  chosen: number | null,
  ceiling: Ceiling,
  offered: readonly number[],
): number | null {
  if (chosen !== null) return chosen > 0 ? chosen : null;
  return ceiling.atOfferedPerSecond ?? (offered.length ? Math.min(...offered) : null);
}

/** The flash-sale step against the spread-SKU step at the same offered rate (the last one, ramp included). */
export function flashSaleResult(
  step: StepResult,
  spreadSteps: readonly StepResult[],
  skus: number,
): FlashSaleResult {
  const same = spreadSteps.filter((s) => s.offeredPerSecond === step.offeredPerSecond);
  const reference = same[same.length - 1];
  return {
    step,
    reference: reference
      ? {
          offeredPerSecond: reference.offeredPerSecond,
          completedPerSecond: reference.completedPerSecond,
          skus,
        }
      : null,
    completedVsSpread:
      reference && reference.completedPerSecond > 0
        ? step.completedPerSecond / reference.completedPerSecond
        : null,
  };
}
