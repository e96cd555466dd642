import { setMaxListeners } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { Topics } from '@edr/contracts';
import type { Shutdown } from '@edr/infra';
import { repoRoot } from '@edr/testing';
import { Services } from '@edr/topology';
import { sleep, wallMs } from '../clock.js';
import { benchKafka } from '../kafka/bench-kafka.js';
import { heldRecords } from '../kafka/offsets.js';
import { openRecordStream } from '../kafka/record-stream.js';
import { benchCustomerActive, createBenchSkus, orderBodies } from '../load/bench-orders.js';
import { runOpenLoop } from '../load/open-loop.js';
import { postOrder } from '../load/post-order.js';
import { type CpuSnapshot, cpuBetween, cpuSnapshot } from '../probes/cpu.js';
import { openTransactionProbe } from '../probes/pg-transactions.js';
import { resultStem } from '../report/write-results.js';
import { SagaTracker } from '../saga/saga-tracker.js';
import { serviceOf, startStack, type Stack } from '../stack/start-stack.js';
import { summarize } from '../stats.js';
import { sampleBackends, stateShares } from './backend-states.js';
import { readFromStart } from './kafka-read.js';
import { healthLag, lagRows } from './lag-figures.js';
import { projectionClient } from './projection-client.js';
import { databaseWrites, viewChangeLag } from './projection-db.js';
import type { ProjectionBenchOptions } from './projection-options.js';
import {
  type LoadFigures,
  type LogFigures,
  type ProjectionBenchResult,
  type RebuildRun,
  projectionMarkdown,
} from './projection-result.js';
import { syntheticBatches, syntheticOrdersFor } from './synthetic-orders.js';
import { orderViewTopics, rebuildOrder } from './view-topics.js';

const begun = Date.now();
const log = (line: string) =>
  console.log(
    line.startsWith('▸') ? `[${((Date.now() - begun) / 1000).toFixed(0).padStart(3)} s] ${line}` : line,
  );
const cores = os.availableParallelism();
const total = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
/** The application_name of the rebuild's scratch connections (rebuild/view-rebuilder.ts in projection-service). */
const REBUILD_CONNECTION = `${Services.projection.app}:rebuild`;
/** Records per producer send while topping up. */
const TOP_UP_BATCH = 500;

type Client = ReturnType<typeof projectionClient>;
type Probe = Awaited<ReturnType<typeof openTransactionProbe>>;

/** Phase 1: open-loop orders; projection lag from view_changes and /health over the measured window. */
async function measureLag(
  options: ProjectionBenchOptions,
  stack: Stack,
  projection: Client,
  db: pg.Pool,
  shutdown: Shutdown,
) {
  const { signal } = shutdown;
  const kafka = benchKafka(stack.endpoints.kafkaBrokers);
  const tracker = new SagaTracker();
  const stream = await openRecordStream(kafka, [Topics.orderEvents], tracker.onRecord);
  try {
    const nextBody = orderBodies(await createBenchSkus(serviceOf(stack, 'inventory').url, options.skus));
    await benchCustomerActive(serviceOf(stack, 'customer').url);
    await projection.caughtUp(120_000, signal);
    log(
      `▸ lag: ${options.rate} orders/s, ${options.warmup} s warm-up + ${options.duration} s measured (customer bench)`,
    );
    const loopStarted = wallMs();
    const loop = runOpenLoop(
      { rate: options.rate, warmupSeconds: options.warmup, durationSeconds: options.duration },
      async () => {
        const result = await postOrder(serviceOf(stack, 'order').url, nextBody(), signal);
        if (result.kind === 'accepted') tracker.placed(result.orderId);
        return result;
      },
      signal,
    );
    const measureFrom = loopStarted + options.warmup * 1000;
    const measureTo = measureFrom + options.duration * 1000;
    await sleep(measureFrom - wallMs(), signal);
    const cpuFrom = cpuSnapshot(stack.processes);
    const stopHealth = projection.sampleHealth(1_000, signal);
    await sleep(measureTo - wallMs(), signal);
    const cpuTo = cpuSnapshot(stack.processes);
    const healthSamples = await stopHealth();
    const { orders } = await loop;

    const posts = await Promise.all(orders.filter((o) => o.measured).map(async (o) => await o.result));
    const accepted = posts.flatMap((p) => (p.kind === 'accepted' ? [p] : []));
    log(`  waiting for ${tracker.inFlight} sagas to end, then for every view to catch up`);
    await Promise.race([
      Promise.all(accepted.map((p) => tracker.ended(p.orderId))),
      sleep(measureTo + 60_000 - wallMs(), signal),
    ]);
    await sleep(1_100, signal);
    await projection.caughtUp(120_000, signal);
    const ends = accepted.map((p) => ({ post: p, end: tracker.trace(p.orderId).end }));
    const cpu = cpuBetween(cpuFrom, cpuTo, cores);
    const load: LoadFigures = {
      offeredPerSecond: options.rate,
      measuredSeconds: options.duration,
      sent: posts.length,
      accepted: accepted.length,
      refused: posts.filter((p) => p.kind === 'refused').length,
      errors: posts.filter((p) => p.kind === 'error').length,
      completedPerSecond: tracker.endsBetween(measureFrom, measureTo) / options.duration,
      approved: ends.filter((e) => e.end?.outcome === 'APPROVED').length,
      rejected: ends.filter((e) => e.end?.outcome === 'REJECTED').length,
      unfinished: ends.filter((e) => !e.end).length,
      sagaMs: summarize(ends.flatMap((e) => (e.end ? [e.end.occurredAt - e.post.sentAt] : []))),
      stackCores: cpu.stackCores,
      otherCores: cpu.otherCores,
    };
    const samples = await viewChangeLag(db, measureFrom, measureTo);
    const lag = lagRows(samples);
    const health = healthLag(healthSamples);
    log(
      `  completed ${load.completedPerSecond.toFixed(1)} sagas/s, ${load.accepted} accepted, ${load.refused} refused; ` +
        lag
          .filter((r) => r.source === 'all')
          .map((r) => `${r.view} lag p50/p99 ${Math.round(r.lagMs.median)}/${Math.round(r.lagMs.p99)} ms`)
          .join(', '),
    );
    return { load, lag, health };
  } finally {
    await stream.stop().catch(() => undefined);
  }
}

/** Phase 2a: tops the order view's topics up to `options.events` records and waits for the live side to apply them. */
async function topUp(
  options: ProjectionBenchOptions,
  stack: Stack,
  projection: Client,
  shutdown: Shutdown,
): Promise<LogFigures> {
  const kafka = benchKafka(stack.endpoints.kafkaBrokers);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const before = await heldRecords(admin, orderViewTopics);
    const syntheticOrders = syntheticOrdersFor(options.events - total(before));
    log(
      `▸ top-up: the order view's topics hold ${total(before).toLocaleString('en-US')} records; adding ${syntheticOrders.toLocaleString('en-US')} synthetic orders`,
    );
    const producer = kafka.producer();
    await producer.connect();
    const started = wallMs();
    let syntheticRecords = 0;
    try {
      for (const batch of syntheticBatches(syntheticOrders, TOP_UP_BATCH)) {
        if (shutdown.signal.aborted) break;
        await producer.send({
          topic: Topics.orderEvents,
          acks: -1,
          messages: batch.map((r) => ({ key: r.key, value: r.value, headers: { ...r.headers } })),
        });
        syntheticRecords += batch.length;
      }
    } finally {
      await producer.disconnect();
    }
    const produceSeconds = (wallMs() - started) / 1000;
    // /health caches its reading for a second: ask after the last send is surely counted.
    await sleep(1_100, shutdown.signal);
    let liveCatchUpSeconds: number | null = null;
    try {
      await projection.caughtUp(900_000, shutdown.signal);
      liveCatchUpSeconds = (wallMs() - started) / 1000;
    } catch (error) {
      log(`  ✗ ${(error as Error).message}`);
    }
    const after = await heldRecords(admin, orderViewTopics);
    log(
      `  ${syntheticRecords} records produced in ${produceSeconds.toFixed(1)} s; live projection caught up after ${liveCatchUpSeconds?.toFixed(1) ?? '–'} s; ${total(after).toLocaleString('en-US')} records now`,
    );
    return { before, after, syntheticOrders, syntheticRecords, produceSeconds, liveCatchUpSeconds };
  } finally {
    await admin.disconnect();
  }
}

/** CPU and the rebuild connection's states over a job's replay, begun and ended by the phases the polls see. */
class ReplayWatch {
  private from: CpuSnapshot | null = null;
  private to: CpuSnapshot | null = null;
  private stopSampling: (() => Promise<string[]>) | null = null;
  private states: string[] | null = null;

  constructor(
    private readonly stack: Stack,
    private readonly superuser: Probe,
    private readonly signal: AbortSignal,
  ) {}

  /** True when this phase began the replay. */
  async onPhase(phase: string): Promise<boolean> {
    if (phase === 'replaying' && !this.from) {
      this.from = cpuSnapshot(this.stack.processes);
      this.stopSampling = sampleBackends(this.superuser, REBUILD_CONNECTION, 100, this.signal);
      return true;
    }
    if (phase !== 'preparing' && phase !== 'replaying' && this.from && !this.to) {
      this.to = cpuSnapshot(this.stack.processes);
      this.states = (await this.stopSampling?.()) ?? [];
    }
    return false;
  }

  /** The replay's CPU and states; the whole job's CPU (`jobFrom` → now) if no poll saw the replay. */
  async result(jobFrom: CpuSnapshot) {
    const now = cpuSnapshot(this.stack.processes);
    const states = this.states ?? (await this.stopSampling?.()) ?? [];
    const cpu = this.from ? cpuBetween(this.from, this.to ?? now, cores) : cpuBetween(jobFrom, now, cores);
    return { cpu, states };
  }
}

/**
 * Phase 2b: one rebuild or verification. Around its replay (the job's `replaying` phase as the polls see it): CPU per
 * process and what the rebuild's connection is doing; projection_db's writes from the replay's start to the end.
 */
async function measuredJob(
  view: string,
  mode: 'rebuild' | 'verify',
  stack: Stack,
  projection: Client,
  superuser: Probe,
  signal: AbortSignal,
): Promise<RebuildRun> {
  const jobFrom = cpuSnapshot(stack.processes);
  let writesFrom = await databaseWrites(superuser, Services.projection.database);
  const watch = new ReplayWatch(stack, superuser, signal);
  const job = await projection.runJob(view, mode, signal, async (phase) => {
    if (await watch.onPhase(phase))
      writesFrom = await databaseWrites(superuser, Services.projection.database);
  });
  const { cpu, states } = await watch.result(jobFrom);
  // pg_stat_database is published by each backend at most once a second.
  await sleep(1_500, signal);
  const writesTo = await databaseWrites(superuser, Services.projection.database);
  const run: RebuildRun = {
    view,
    mode,
    report: job.report,
    error: job.error,
    wallMs: job.wallMs,
    measuredMs: cpu.seconds * 1000,
    cpuSeconds: cpu.cpuSeconds,
    otherCores: cpu.otherCores,
    connection: { samples: states.filter((s) => s !== 'no connection').length, shares: stateShares(states) },
    projectionDb: {
      commits: writesTo.commits - writesFrom.commits,
      rowsWritten: writesTo.rowsWritten - writesFrom.rowsWritten,
    },
  };
  const r = job.report;
  log(
    r
      ? `  ${mode} ${view}: ${r.replayed} records replayed in ${(r.millis.replay / 1000).toFixed(1)} s → ${r.eventsPerSecond}/s, live held ${r.millis.locked} ms, report ${(r.millis.total / 1000).toFixed(1)} s, job ${(job.wallMs / 1000).toFixed(1)} s${r.equal === undefined ? '' : r.equal ? ', equal' : ', DIFFERENT'}`
      : `  ✗ ${mode} ${view}: ${job.error}`,
  );
  return run;
}

/** One run of the read-side bench; writes the result files and returns the exit code (1 if a phase failed). */
export async function runProjectionBench(
  options: ProjectionBenchOptions,
  shutdown: Shutdown,
): Promise<number> {
  const startedAt = new Date().toISOString();
  const { signal } = shutdown;
  setMaxListeners(0, signal);
  const stack = await startStack(shutdown, log);
  const projection = projectionClient(serviceOf(stack, 'projection').url);
  const db = await shutdown.start(
    async () => new pg.Pool({ connectionString: stack.endpoints.databaseUrl('projection'), max: 2 }),
    (pool) => pool.end(),
  );
  const superuser = await shutdown.start(
    () => openTransactionProbe(stack.endpoints.postgres.superuserUrl, [Services.projection.database]),
    (probe) => probe.close(),
  );
  const errors: string[] = [];
  const attempt = async <T>(phase: string, work: () => Promise<T>): Promise<T | null> => {
    if (signal.aborted) return null;
    try {
      return await work();
    } catch (error) {
      if (signal.aborted) return null;
      errors.push(`${phase}: ${(error as Error).message}`);
      log(`  ✗ ${phase}: ${(error as Error).message}`);
      return null;
    }
  };

  const lagPhase = await attempt('lag', () => measureLag(options, stack, projection, db, shutdown));
  const logFigures = await attempt('top-up', () => topUp(options, stack, projection, shutdown));
  const rebuilds: RebuildRun[] = [];
  const views = rebuildOrder(Object.keys((await projection.health()).views));
  for (const mode of ['rebuild', 'verify'] as const) {
    log(`▸ ${mode}: ${views.join(', ')}`);
    for (const view of views) {
      const run = await attempt(`${mode} ${view}`, () =>
        measuredJob(view, mode, stack, projection, superuser, signal),
      );
      if (run) rebuilds.push(run);
      if (run?.error) errors.push(`${mode} ${view}: ${run.error}`);
      if (run?.report?.equal === false)
        errors.push(`verify ${view}: the rebuilt view differs from the live one`);
    }
  }
  log(`▸ Kafka-only read of the order view's topics from offset 0`);
  const kafkaRead = await attempt('kafka read', async () => {
    const kafka = benchKafka(stack.endpoints.kafkaBrokers);
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await readFromStart(kafka, admin, orderViewTopics, signal);
    } finally {
      await admin.disconnect();
    }
  });
  if (kafkaRead) log(`  ${kafkaRead.records} records in ${kafkaRead.seconds.toFixed(1)} s`);

  if (!lagPhase) {
    log('no lag figures: nothing written');
    return 1;
  }
  const result: ProjectionBenchResult = {
    startedAt,
    options,
    load: lagPhase.load,
    lag: lagPhase.lag,
    health: lagPhase.health,
    log: logFigures,
    rebuilds,
    kafkaRead,
    errors,
  };
  const markdown = projectionMarkdown(result);
  const out = resolve(repoRoot, options.outDir);
  await mkdir(out, { recursive: true });
  const stem = `projections-${resultStem(startedAt)}`;
  await writeFile(join(out, `${stem}.json`), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(join(out, `${stem}.md`), markdown);
  log(`\n${markdown}\nwrote ${join(options.outDir, stem)}.{json,md}`);
  return errors.length === 0 ? 0 : 1;
}
