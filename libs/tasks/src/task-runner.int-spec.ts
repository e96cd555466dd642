import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import { RenderShippingLabel, type RenderShippingLabelPayload, ShippingService } from '@edr/contracts';
import { createScratchSchema, infraEndpoints } from '@edr/infra';
import { CreateInboxTable1764300000001, InboxMessage } from '@edr/inbox';
import type { RecordBatch } from '@edr/messaging';
import {
  CreateOutboxTable1764300000000,
  DeleteOutboxRowsOnInsert1764300000002,
  OutboxMessage,
} from '@edr/outbox';
import { kafka } from '@edr/testing';
import { enqueueTask } from './enqueue-task.js';
import { TaskCounters } from './task-counters.js';
import { TaskRunner } from './task-runner.js';
import type { TaskContext, TaskWorker } from './task-worker.js';
import { Task } from './task.entity.js';
import { CreateTasksTable1764300000700 } from './tasks-table.migration.js';

jest.setTimeout(60_000);

/**
 * TaskRunner on real Postgres, in a scratch schema of the system database (shipping's role) built by the platform's and the lib's migrations
 * (its outbox is not relayed: Debezium captures only the services' own `<role>.outbox` tables). Records are handed to the runner directly, as two
 * group members would each get them around a rebalance, so the race between them is under the test's control.
 */
const schema = `tasks_spec_${randomUUID().slice(0, 8)}`;
const dataSource = new DataSource({
  type: 'postgres',
  url: infraEndpoints().databaseUrl('shipping'),
  entities: [InboxMessage, OutboxMessage, Task],
  migrations: [
    CreateOutboxTable1764300000000,
    DeleteOutboxRowsOnInsert1764300000002,
    CreateInboxTable1764300000001,
    CreateTasksTable1764300000700,
  ],
  migrationsTableName: 'migrations',
  poolSize: 8,
  extra: { options: `-c search_path=${schema}` },
});
let producer: Producer;

const settings = (workerId: string) => ({
  consumer: { retry: { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 20 } },
  tasks: { workerId },
});

/** A label worker whose work waits at a gate, so two runners can be made to work on one task at the same time. */
function gatedWorker(gate: Promise<void>) {
  const performed: string[] = [];
  const worker: TaskWorker<typeof RenderShippingLabel, string> = {
    definition: RenderShippingLabel,
    async perform(payload, task: TaskContext) {
      performed.push(task.workerId);
      await gate;
      return `label ${payload.trackingNumber} by ${task.workerId}`;
    },
    async complete(tx: EntityManager, payload, result) {
      await tx.query(`INSERT INTO results (task_id, result) VALUES ($1, $2)`, [payload.taskId, result]);
    },
  };
  return { worker, performed };
}

async function enqueueOne(): Promise<{ taskId: string; envelope: unknown }> {
  const orderId = randomUUID();
  const payload: Omit<RenderShippingLabelPayload, 'taskId'> = {
    orderId,
    shipmentId: randomUUID(),
    carrier: 'SimPost',
    trackingNumber: 'SP0123456789ABCDEF',
    shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  };
  const taskId = await dataSource.transaction((tx) =>
    enqueueTask(tx, RenderShippingLabel, {
      producer: ShippingService.name,
      aggregateType: ShippingService.aggregateType,
      subjectId: orderId,
      payload,
      correlationId: `spec-${randomUUID()}`,
      causationId: null,
    }),
  );
  return { taskId, envelope: envelopeOf(taskId, orderId, payload) };
}

/** The task message as Debezium publishes it (the envelope in the outbox row's payload column). */
const envelopeOf = (taskId: string, orderId: string, payload: object) => ({
  eventId: randomUUID(),
  type: RenderShippingLabel.type,
  schemaVersion: 1,
  occurredAt: new Date().toISOString(),
  aggregateType: ShippingService.aggregateType,
  aggregateId: orderId,
  correlationId: `spec-${randomUUID()}`,
  causationId: null,
  payload: { ...payload, taskId },
});

/** One record in a batch of its own; `messageId` is the `id` header the inbox dedupes on. */
const batchOf = (envelope: unknown, messageId: string, offset: string): RecordBatch => ({
  topic: 'tasks-spec',
  partition: 0,
  groupId: 'tasks-spec',
  records: [
    {
      topic: 'tasks-spec',
      partition: 0,
      offset,
      key: null,
      value: Buffer.from(JSON.stringify(envelope)),
      headers: { id: Buffer.from(messageId) },
    },
  ],
  resolveOffset: () => undefined,
  heartbeat: async () => undefined,
  isRunning: () => true,
  isStale: () => false,
  producer,
});

const taskRow = async (taskId: string) =>
  (await dataSource.query(`SELECT state, attempts, worker_id FROM tasks WHERE task_id = $1`, [taskId]))[0];
const resultsOf = async (taskId: string): Promise<string[]> =>
  (await dataSource.query(`SELECT result FROM results WHERE task_id = $1`, [taskId])).map(
    (r: { result: string }) => r.result,
  );

beforeAll(async () => {
  Logger.overrideLogger(false);
  await dataSource.initialize();
  await createScratchSchema('shipping', schema);
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(`CREATE TABLE results (task_id uuid NOT NULL, result text NOT NULL)`);
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  if (!dataSource.isInitialized) return;
  await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await dataSource.destroy();
});

describe('TaskRunner on real Postgres', () => {
  test('two workers racing on one task (the same record after a rebalance): the result is stored once', async () => {
    const { taskId, envelope } = await enqueueOne();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { worker, performed } = gatedWorker(gate);
    const counters = new TaskCounters();
    const a = new TaskRunner(dataSource, settings('worker-a'), counters);
    const b = new TaskRunner(dataSource, settings('worker-b'), counters);
    const messageId = randomUUID();
    const first = a.run(batchOf(envelope, messageId, '1'), worker);
    const second = b.run(batchOf(envelope, messageId, '1'), worker);
    // Both are past RUNNING and inside the work before either may finish.
    while (performed.length < 2) await new Promise((r) => setTimeout(r, 10));
    open();
    await Promise.all([first, second]);

    expect(await resultsOf(taskId)).toHaveLength(1);
    expect(await taskRow(taskId)).toMatchObject({ state: 'DONE', attempts: 2 });
    expect(counters.snapshot()['RenderShippingLabel']).toMatchObject({ performed: 2, done: 1, lost: 1 });
  });

  test('two messages for one task (a redriven copy with a new id), worked on at once: stored once', async () => {
    const { taskId, envelope } = await enqueueOne();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { worker, performed } = gatedWorker(gate);
    const counters = new TaskCounters();
    const first = new TaskRunner(dataSource, settings('worker-a'), counters).run(
      batchOf(envelope, randomUUID(), '1'),
      worker,
    );
    const second = new TaskRunner(dataSource, settings('worker-b'), counters).run(
      batchOf(envelope, randomUUID(), '2'),
      worker,
    );
    while (performed.length < 2) await new Promise((r) => setTimeout(r, 10));
    open();
    await Promise.all([first, second]);

    expect(await resultsOf(taskId)).toHaveLength(1);
    expect(counters.snapshot()['RenderShippingLabel']).toMatchObject({ done: 1, lost: 1 });
  });

  test('a task already DONE is skipped without doing the work again', async () => {
    const { taskId, envelope } = await enqueueOne();
    const { worker, performed } = gatedWorker(Promise.resolve());
    const counters = new TaskCounters();
    const runner = new TaskRunner(dataSource, settings('worker-a'), counters);
    await runner.run(batchOf(envelope, randomUUID(), '1'), worker);
    await runner.run(batchOf(envelope, randomUUID(), '2'), worker);

    expect(performed).toEqual(['worker-a']);
    expect(await resultsOf(taskId)).toHaveLength(1);
    expect(await taskRow(taskId)).toMatchObject({ state: 'DONE', attempts: 1, worker_id: 'worker-a' });
    expect(counters.snapshot()['RenderShippingLabel']).toMatchObject({ done: 1, skipped: 1 });
  });

  test('a failing attempt is recorded and retried; the next attempt finishes the task', async () => {
    const { taskId, envelope } = await enqueueOne();
    const { worker } = gatedWorker(Promise.resolve());
    let failures = 1;
    const flaky: typeof worker = {
      ...worker,
      perform: async (payload, task) => {
        if (failures-- > 0) throw new Error('printer on fire');
        return worker.perform(payload, task);
      },
    };
    await new TaskRunner(dataSource, settings('worker-a'), new TaskCounters()).run(
      batchOf(envelope, randomUUID(), '1'),
      flaky,
    );
    const [row] = await dataSource.query(`SELECT state, attempts, last_error FROM tasks WHERE task_id = $1`, [
      taskId,
    ]);
    expect(row).toMatchObject({ state: 'DONE', attempts: 2, last_error: 'Error: printer on fire' });
    expect(await resultsOf(taskId)).toHaveLength(1);
  });
});
