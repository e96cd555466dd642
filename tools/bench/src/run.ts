import { setMaxListeners } from 'node:events';
import os from 'node:os';
import type { Shutdown } from '@edr/infra';
import { Services, serviceNames } from '@edr/topology';
import { repoRoot } from '@edr/testing';
import { ceilingOf, nextRampRate } from './analysis/ramp.js';
import { ratiosOf } from './analysis/ratios.js';
import { targetRows } from './analysis/targets.js';
import { sleep, wallMs } from './clock.js';
import { benchKafka } from './kafka/bench-kafka.js';
import { openRecordStream } from './kafka/record-stream.js';
import { relayedTopicNames, relayedTopics } from './kafka/relayed-topics.js';
import { benchCustomerActive, createBenchSkus, orderBodies } from './load/bench-orders.js';
import type { BenchOptions } from './options.js';
import { serviceGroups } from './probes/consumer-lag.js';
import { openTransactionProbe } from './probes/pg-transactions.js';
import { pssPeak, type PssSnapshot } from './probes/pss.js';
import { relaySample, type RelaySample } from './probes/relay-lag.js';
import { machineInfo } from './record/machine.js';
import { stackSettings } from './record/settings.js';
import { stackVersions } from './record/versions.js';
import { definitions } from './report/definitions.js';
import { writeResults } from './report/write-results.js';
import type { BenchResult, IdleResult, SequentialResult, StepResult } from './result-model.js';
import { SagaTracker } from './saga/saga-tracker.js';
import { runBaselines } from './phases/baselines.js';
import type { BenchContext } from './phases/context.js';
import { measureIdle } from './phases/idle.js';
import { runSequential } from './phases/sequential.js';
import { runStep } from './phases/step.js';
import { startStack } from './stack/start-stack.js';

const begun = Date.now();
/** Phase lines carry the time since the start, so a slow phase shows. */
const log = (line: string) =>
  console.log(
    line.startsWith('▸') ? `[${((Date.now() - begun) / 1000).toFixed(0).padStart(3)} s] ${line}` : line,
  );

/** Waits until every service's consumer group is known to the broker (they join right after start-up). */
async function waitForGroups(admin: BenchContext['admin'], expected: number): Promise<string[]> {
  const until = wallMs() + 30_000;
  let groups = await serviceGroups(admin);
  while (groups.length < expected && wallMs() < until) {
    await sleep(500);
    groups = await serviceGroups(admin);
  }
  return groups;
}

/** One bench run: start the stack, measure every phase, write the result files. Returns the exit code. */
export async function runBench(options: BenchOptions, shutdown: Shutdown): Promise<number> {
  const startedAt = new Date();
  const machine = machineInfo();
  const stack = await startStack(shutdown, log, options.cpuProf);
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
  const databases = serviceNames.map((name) => Services[name].database);
  const txProbe = await shutdown.start(
    () => openTransactionProbe(endpoints.postgres.superuserUrl, databases),
    (probe) => probe.close(),
  );
  const tracker = new SagaTracker();
  const relaySamples: RelaySample[] = [];
  await shutdown.start(
    () =>
      openRecordStream(kafka, relayedTopicNames, (record) => {
        tracker.onRecord(record);
        const sample = relaySample(record, relayedTopics.get(record.topic));
        if (sample) relaySamples.push(sample);
      }),
    (stream) => stream.stop(),
  );
  const groups = await waitForGroups(admin, serviceNames.length);
  const skus = await createBenchSkus(stack.services.inventory.url, options.skus);
  await benchCustomerActive(stack.services.customer.url);
  // Every POST in flight listens on the one shutdown signal: thousands at once at high rates, all legitimate.
  setMaxListeners(0, shutdown.signal);
  const ctx: BenchContext = {
    options,
    signal: shutdown.signal,
    log,
    orderUrl: stack.services.order.url,
    nextBody: orderBodies(skus),
    tracker,
    relaySamples,
    processes: stack.processes,
    cores: machine.cores,
    kafka,
    admin,
    groups,
    txProbe,
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

  const ceiling = ceilingOf(
    steps.map((s) => ({
      offeredPerSecond: s.offeredPerSecond,
      saturated: s.verdict.saturated,
      completedPerSecond: s.completedPerSecond,
    })),
    stoppedBecause,
  );
  const peak = [idle?.pss, ...steps.map((s) => s.pss)].reduce<PssSnapshot | null>(
    (top, snapshot) => (snapshot ? pssPeak(top, snapshot) : top),
    null,
  );
  const limits = { pg: baselines.pgCommitCeiling, kafka: baselines.kafkaRoundTrip, cores: machine.cores };
  const finishedAt = new Date();
  const result: BenchResult = {
    format: 'edr-bench/1',
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
