import { sleep } from '../clock.js';
import { cpuBetween, cpuSnapshot } from '../probes/cpu.js';
import { pssSnapshot } from '../probes/pss.js';
import type { IdleResult } from '../result-model.js';
import type { BenchContext } from './context.js';

/** The stack up, no order flowing: what it costs to just be there. */
export async function measureIdle(ctx: BenchContext, seconds: number): Promise<IdleResult> {
  ctx.log(`▸ idle stack, ${seconds} s`);
  const from = cpuSnapshot(ctx.processes);
  await sleep(seconds * 1000, ctx.signal);
  const to = cpuSnapshot(ctx.processes);
  return { seconds, cpu: cpuBetween(from, to, ctx.cores), pss: pssSnapshot(ctx.processes) };
}
