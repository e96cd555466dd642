import { setMaxListeners } from 'node:events';
import os from 'node:os';
import type { Shutdown } from '@edr/infra';
import { ShippingLabelRendered } from '@edr/contracts';
import { serviceNames, Workers } from '@edr/topology';
import { repoRoot } from '@edr/testing';
import { flashSaleRate } from './analysis/flash-sale.js';
import { ceilingOf, nextRampRate } from './analysis/ramp.js';
import { ratiosOf } from './analysis/ratios.js';
import { targetRows } from './analysis/targets.js';
import { sleep, wallMs } from './clock.js';
import { benchKafka } from './kafka/bench-kafka.js';
import { openRecordStream } from './kafka/record-stream.js';
import { relayedTopicNames, relayedTopics } from './kafka/relayed-topics.js';
import { benchCustomerActive, createBenchSkus, orderBodies } from './load/bench-orders.js';
import type { BenchOptions } from './options.js';
import { knownGroups } from './probes/consumer-lag.js';
import { databasesOf, openTransactionProbe } from './probes/pg-transactions.js';
import { pssPeak, type PssSnapshot } from './probes/pss.js';
import { relaySample, type RelaySample } from './probes/relay-lag.js';
import { machineInfo } from './record/machine.js';
import { commitInfo } from './record/commit.js';
import { stackSettings } from './record/settings.js';
import { stackVersions } from './record/versions.js';
import { definitions } from './report/definitions.js';
import { writeResults } from './report/write-results.js';
import type {
  BenchResult,
  FlashSaleResult,
  IdleResult,
  SequentialResult,
  StepResult,
} from './result-model.js';
import { SagaTracker } from './saga/saga-tracker.js';
import { runBaselines } from './phases/baselines.js';
import type { BenchContext } from './phases/context.js';
import { measureIdle } from './phases/idle.js';
import { runSequential } from './phases/sequential.js';
import { runFlashSale } from './phases/flash-sale.js';
import { runStep } from './phases/step.js';
import { serviceOf, startStack } from './stack/start-stack.js';

const begun = Date.now();
/** Phase lines carry the time since the start, so a slow phase shows. */
const log = (line: string) =>
  console.log(
    line.startsWith('▸') ? `[${((Date.now() - begun) / 1000).toFixed(0).padStart(3)} s] ${line}` : line,
  );

/** Waits until the running apps' consumer groups are known to the broker (they join right after start-up). */
async function waitForGroups(admin: BenchContext['admin'], wanted: ReadonlySet<string>): Promise<string[]> {
  const until = wallMs() + 30_000;
  let groups = await knownGroups(admin, wanted);
  while (groups.length < wanted.size && wallMs() < until) {
    await sleep(500);
    groups = await knownGroups(admin, wanted);
  }
  return groups;
}

/** One bench run: start the stack, measure every phase, write the result files. Returns the exit code. */
export async function runBench(options: BenchOptions, shutdown: Shutdown): Promise<number> {
  const startedAt = new Date();
  const machine = machineInfo();
  const commit = commitInfo(repoRoot);
  log(
    `▸ measuring ${commit.sha.slice(0, 12)}${commit.dirty ? ' (with uncommitted changes)' : ''}: ${commit.subject}`,
  );
  const stack = await startStack(shutdown, log, { cpuProf: options.cpuProf, without: options.without });
  const { endpoints } = stack;
  const kafka = benchKafka(endpoints.kafkaBrokers);
  const admin = await shutdown.start(
    async () => {
      const a = kafka.admin();
      await a.connect();
      return a;
    },
    (a) => a.disconnect(),
  );
  const databases = databasesOf(serviceNames.map((name) => endpoints.databaseUrl(name)));
  const txProbe = await shutdown.start(
    () => openTransactionProbe(endpoints.postgres.superuserUrl, databases),
    (probe) => probe.close(),
  );
  const tracker = new SagaTracker();
  const relaySamples: RelaySample[] = [];
  const labelsRendered: number[] = [];
  await shutdown.start(
    () =>
      openRecordStream(kafka, relayedTopicNames, (record) => {
        tracker.onRecord(record);
        if (record.eventType === ShippingLabelRendered.type) labelsRendered.push(record.receivedAt);
        const sample = relaySample(record, relayedTopics.get(record.topic));
        if (sample) relaySamples.push(sample);
      }),
    (stream) => stream.stop(),
  );
  const labelWorkersRun = stack.processes.some((p) => p.name.startsWith(Workers.label.name));
  const groups = await waitForGroups(
    admin,
    new Set([
      ...Object.keys(stack.services).map((name) => `${name}-service`),
      ...(labelWorkersRun ? [Workers.label.groupId] : []),
    ]),
  );
  const inventoryUrl = serviceOf(stack, 'inventory').url;
  const skus = await createBenchSkus(inventoryUrl, options.skus);
  await benchCustomerActive(serviceOf(stack, 'customer').url);
  // Every POST in flight listens on the one shutdown signal: thousands at once at high rates, all legitimate.
  setMaxListeners(0, shutdown.signal);
  const ctx: BenchContext = {
    options,
    signal: shutdown.signal,
    log,
    orderUrl: serviceOf(stack, 'order').url,
    nextBody: orderBodies(skus),
    tracker,
    relaySamples,
    processes: stack.processes,
    cores: machine.cores,
    kafka,
    admin,
    groups,
    txProbe,
    labelsRendered,
  };
  log(`  consumer groups: ${groups.join(', ')}; bench SKUs: ${skus.length}`);

  const errors: string[] = [];
  const attempt = async <T>(phase: string, run: () => Promise<T>): Promise<T | null> => {
    if (ctx.signal.aborted) return null;
    try {
      return await run();
    } catch (error) {
      if (ctx.signal.aborted) return null;
      errors.push(`${phase}: ${(error as Error).message}`);
      log(`  ✗ ${phase}: ${(error as Error).message}`);
      return null;
    }
  };

  await sleep(2_000, ctx.signal);
  const idle: IdleResult | null =
    options.idle > 0 ? await attempt('idle', () => measureIdle(ctx, options.idle)) : null;
  const baselines = await runBaselines(ctx, shutdown, endpoints.postgres.superuserUrl);
  const sequential: SequentialResult | null =
    options.sequential > 0 ? await attempt('sequential', () => runSequential(ctx, options.sequential)) : null;

  const steps: StepResult[] = [];
  for (const rate of options.rates) {
    const step = await attempt(`${rate}/s`, () =>
      runStep(ctx, { phase: 'rate', rate, warmupSeconds: options.warmup, durationSeconds: options.duration }),
    );
    if (step) steps.push(step);
  }
  const policy = { factor: options.rampFactor, maxSteps: options.rampSteps, minRate: 1 };
  const ramp: StepResult[] = [];
  let stoppedBecause = '';
  for (;;) {
    if (ctx.signal.aborted) return 130;
    const decision = nextRampRate(
      [...steps, ...ramp].map((s) => ({
        offeredPerSecond: s.offeredPerSecond,
        saturated: s.verdict.saturated,
      })),
      ramp.length,
      policy,
      options.rampStart,
    );
    if ('stop' in decision) {
      stoppedBecause = decision.stop;
      break;
    }
    const step = await attempt(`ramp ${decision.next}/s`, () =>
      runStep(ctx, {
        phase: 'ramp',
        rate: decision.next,
        warmupSeconds: options.warmup,
        durationSeconds: options.rampDuration,
      }),
    );
    if (!step) {
      stoppedBecause = `ramp step at ${decision.next}/s failed`;
      break;
    }
    ramp.push(step);
  }
  if (ctx.signal.aborted) return 130;
  steps.push(...ramp);

  const ceiling = ceilingOf(
    steps.map((s) => ({
      offeredPerSecond: s.offeredPerSecond,
      saturated: s.verdict.saturated,
      completedPerSecond: s.completedPerSecond,
    })),
    stoppedBecause,
  );
  const flashRate = flashSaleRate(
    options.flashSaleRate,
    ceiling,
    steps.map((s) => s.offeredPerSecond),
  );
  const flashSale: FlashSaleResult | null =
    flashRate === null
      ? null
      : await attempt(`flash sale at ${flashRate}/s`, () =>
          runFlashSale(ctx, inventoryUrl, flashRate, steps),
        );
  if (ctx.signal.aborted) return 130;
  if (labelWorkersRun && steps.some((s) => s.outcomes.approved > 0) && labelsRendered.length === 0) {
    errors.push(
      'labels: sagas were approved but no ShippingLabelRendered event was read (are the label workers up?)',
    );
  }

  log('▸ recording versions and settings');
  const versions = await stackVersions({
    repoRoot,
    connectUrl: endpoints.connectUrl,
    probe: txProbe,
    kafkaPid: stack.infraPids.kafka,
  });
  const settings = await stackSettings({
    repoRoot,
    connectUrl: endpoints.connectUrl,
    probe: txProbe,
    admin,
    relayedTopics: relayedTopicNames,
    infraPids: stack.infraPids,
    serviceEnv: stack.serviceEnv,
  });

  const peak = [idle?.pss, ...steps.map((s) => s.pss)].reduce<PssSnapshot | null>(
    (top, snapshot) => (snapshot ? pssPeak(top, snapshot) : top),
    null,
  );
  const limits = { pg: baselines.pgCommitCeiling, kafka: baselines.kafkaRoundTrip, cores: machine.cores };
  const finishedAt = new Date();
  const result: BenchResult = {
    format: 'edr-bench/1',
    commit,
    system: { processes: stack.processes.map((p) => p.name), without: stack.without },
    labelsRendered: labelsRendered.length,
    flashSale,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    options,
    machine,
    versions,
    settings: { ...settings, benchSkus: skus.length, consumerGroups: groups, hostCpus: os.cpus().length },
    definitions: definitions({
      connectors:
        typeof settings.connectors === 'object'
          ? (settings.connectors as Record<string, Record<string, string>>)
          : {},
      topicTimestampTypes:
        typeof settings.topicTimestampTypes === 'object'
          ? (settings.topicTimestampTypes as Record<string, string>)
          : {},
    }),
    idle,
    baselines,
    sequential,
    steps,
    ceiling,
    ratios: ratiosOf(steps, sequential, limits, ceiling),
    targets: targetRows({ steps, sequential, idle, ceiling, pssPeak: peak }),
    pssPeak: peak,
    errors,
  };
  const { files, markdown } = await writeResults(result, options.out, repoRoot);
  log(`\n${markdown}`);
  log(`Results: ${files.map((f) => f.replace(`${repoRoot}/`, '')).join(', ')}`);
  return errors.length ? 1 : 0;
}
