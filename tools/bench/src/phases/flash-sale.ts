import { flashSaleResult } from '../analysis/flash-sale.js';
import { createBenchSkus, orderBodies } from '../load/bench-orders.js';
import type { FlashSaleResult, StepResult } from '../result-model.js';
import type { BenchContext } from './context.js';
import { runStep } from './step.js';

/**
 * The flash sale: every order of the step takes the same one SKU, so every reservation queues on one stock row
 * (the case --skus 1 used to stand for). A fresh SKU with ample stock, so no order runs out of it.
 */
export async function runFlashSale(
  ctx: BenchContext,
  inventoryUrl: string,
  rate: number,
  spreadSteps: readonly StepResult[],
): Promise<FlashSaleResult> {
  const [sku] = await createBenchSkus(inventoryUrl, 1);
  const step = await runStep(ctx, {
    phase: 'flash-sale',
    rate,
    warmupSeconds: ctx.options.warmup,
    durationSeconds: ctx.options.duration,
    nextBody: orderBodies([sku!]),
  });
  const result = flashSaleResult(step, spreadSteps, ctx.options.skus);
  ctx.log(
    `  flash sale: ${step.completedPerSecond.toFixed(1)}/s completed` +
      (result.completedVsSpread === null
        ? ''
        : `, ${result.completedVsSpread.toFixed(2)} × the ${ctx.options.skus}-SKU rate at ${rate}/s`),
  );
  return result;
}
