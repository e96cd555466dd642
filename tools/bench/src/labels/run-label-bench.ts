import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { AggregateTypes, RenderShippingLabel, ScheduleShipment, Topics } from '@edr/contracts';
import type { Shutdown } from '@edr/infra';
import { type RunningService, repoRoot, startService, waitFor } from '@edr/testing';
import { Services, Workers } from '@edr/topology';
import { sleep } from '../clock.js';
import { benchKafka } from '../kafka/bench-kafka.js';
import { resultStem } from '../report/write-results.js';
import { infraAndBuild } from '../stack/start-stack.js';
import type { LabelBenchOptions } from './label-options.js';
import {
  type LabelStepResult,
  type LabelTaskTimes,
  labelMarkdown,
  labelStepResult,
} from './label-step-result.js';

const worker = Workers.label;
const log = (line: string) => console.log(line);

type Health = { info?: { worker?: { groups: { groupId: string; partitions: Record<string, number[]> }[] } } };

/** Until the running instances' shares are disjoint and cover every partition of the label topic. */
async function settled(instances: readonly RunningService[]): Promise<void> {
  await waitFor(
    `${instances.length} label workers to share the label topic`,
    async () => {
      const shares = await Promise.all(
        instances.map(async (instance) => {
          const health = (await (await fetch(`${instance.url}/health`)).json()) as Health;
          const group = health.info?.worker?.groups.find((g) => g.groupId === worker.groupId);
          return group?.partitions[Topics.shippingLabelTasks] ?? [];
        }),
      );
      const all = shares.flat();
      return shares.every((s) => s.length > 0) && new Set(all).size === all.length && all.length === 6
        ? true
        : undefined;
    },
    120_000,
    250,
  );
}

/** The step's label tasks as the tasks table has them, once every one is DONE. */
async function timesOf(db: pg.Pool, orderIds: readonly string[]): Promise<LabelTaskTimes> {
  return waitFor(
    `${orderIds.length} label tasks to be DONE`,
    async () => {
      const { rows } = await db.query<{
        done: number;
        attempts: number;
        first_queued: Date;
        first_started: Date;
        last_finished: Date;
      }>(
        `SELECT count(*) FILTER (WHERE state = 'DONE')::int AS done, sum(attempts)::int AS attempts,
                min(queued_at) AS first_queued, min(started_at) AS first_started, max(finished_at) AS last_finished
         FROM tasks WHERE kind = $1 AND subject_id = ANY($2)`,
        [RenderShippingLabel.type, orderIds],
      );
      const row = rows[0]!;
      if (row.done < orderIds.length) return undefined;
      const shares = await db.query<{ worker_id: string; n: number }>(
        `SELECT worker_id, count(*)::int AS n FROM tasks WHERE kind = $1 AND subject_id = ANY($2) GROUP BY worker_id`,
        [RenderShippingLabel.type, orderIds],
      );
      return {
        done: row.done,
        attempts: row.attempts,
        firstQueued: row.first_queued,
        firstStarted: row.first_started,
        lastFinished: row.last_finished,
        shares: Object.fromEntries(shares.rows.map((r) => [r.worker_id, r.n])),
      };
    },
    600_000,
    500,
  );
}

/** ScheduleShipment commands as the saga sends them; shipping-service books each and enqueues its label. */
const scheduleCommands = (orderIds: readonly string[]) =>
  orderIds.map((orderId) => {
    const eventId = randomUUID();
    const correlationId = `bench-labels-${randomUUID()}`;
    return {
      key: orderId,
      value: JSON.stringify({
        eventId,
        type: ScheduleShipment.type,
        schemaVersion: ScheduleShipment.schemaVersion,
        occurredAt: new Date().toISOString(),
        aggregateType: AggregateTypes.order,
        aggregateId: orderId,
        correlationId,
        causationId: null,
        payload: {
          orderId,
          shippingAddress: { line1: '1 Bench St', city: 'Berlin', postalCode: '10115', country: 'DE' },
          items: [{ sku: 'BENCH-LABEL', quantity: 1 }],
          attempt: 1,
        },
      }),
      headers: { id: eventId, eventType: ScheduleShipment.type, correlationId },
    };
  });

export async function runLabelBench(options: LabelBenchOptions, shutdown: Shutdown): Promise<number> {
  const startedAt = new Date().toISOString();
  const endpoints = await infraAndBuild(shutdown, log);
  const env = { KAFKA_BROKERS: endpoints.kafkaBrokers.join(','), LOG_LEVEL: 'warn' };
  const shippingDb = endpoints.databaseUrl(Services.shipping.name);
  log('▸ shipping-service');
  await shutdown.start(
    () =>
      startService({
        name: Services.shipping.app,
        port: Services.shipping.benchPort,
        env: { ...env, DATABASE_URL: shippingDb },
      }),
    (service) => service.stop(),
  );
  const db = await shutdown.start(
    async () => new pg.Pool({ connectionString: shippingDb, max: 2 }),
    (pool) => pool.end(),
  );
  const producer = await shutdown.start(
    async () => {
      const p = benchKafka(endpoints.kafkaBrokers).producer();
      await p.connect();
      return p;
    },
    (p) => p.disconnect(),
  );
  const instances: RunningService[] = [];
  const steps: LabelStepResult[] = [];
  for (const count of options.workers) {
    while (instances.length < count) {
      const instance = instances.length + 1;
      instances.push(
        await shutdown.start(
          () =>
            startService({
              name: worker.app,
              port: worker.benchPort + instance - 1,
              logFile: join(repoRoot, '.infra', 'logs', `${worker.name}-bench-${instance}.log`),
              env: { ...env, DATABASE_URL: shippingDb, WORKER_ID: `${worker.name}-${instance}` },
            }),
          (service) => service.stop(),
        ),
      );
    }
    await settled(instances);
    log(`▸ ${count} worker(s): ${options.tasks} label tasks`);
    const orderIds = Array.from({ length: options.tasks }, () => randomUUID());
    for (let i = 0; i < orderIds.length; i += 100) {
      await producer.send({
        topic: Topics.shippingCommands,
        acks: -1,
        messages: scheduleCommands(orderIds.slice(i, i + 100)),
      });
    }
    const step = labelStepResult(count, options.tasks, await timesOf(db, orderIds));
    steps.push(step);
    log(`  ${step.tasksPerSecond} tasks/s (work), ${step.endToEndTasksPerSecond} tasks/s end to end`);
    // A quiet moment between steps, so the next one starts from an idle group.
    await sleep(1_000);
  }
  const out = resolve(repoRoot, options.outDir);
  await mkdir(out, { recursive: true });
  const stem = `labels-${resultStem(startedAt)}`;
  const markdown = labelMarkdown(startedAt, steps);
  await writeFile(join(out, `${stem}.json`), `${JSON.stringify({ startedAt, options, steps }, null, 2)}\n`);
  await writeFile(join(out, `${stem}.md`), markdown);
  log(`\n${markdown}\nwrote ${options.outDir}/${stem}.{json,md}`);
  return 0;
}
