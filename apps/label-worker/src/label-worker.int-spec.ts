import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KafkaMessage, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  AggregateTypes,
  DlqHeaders,
  type EventEnvelope,
  RenderShippingLabel,
  ScheduleShipment,
  ShippingService,
  type ShippingLabelRenderedPayload,
  Topics,
  dlqTopicFor,
} from '@edr/contracts';
import { OutboxMessage, buildMessage } from '@edr/outbox';
import { Task, enqueueTask } from '@edr/tasks';
import {
  type RunningService,
  getJson,
  header,
  kafka,
  queryDb,
  recordTap,
  sendJson,
  serviceDatabaseUrl,
  startApp,
  startWorker,
  waitFor,
} from '@edr/testing';

// Runs against the real infrastructure and the built apps: `npm run build` first.
jest.setTimeout(300_000);

const workerEnv = {
  // Quick retries, so the fault tests reach their outcome fast; four runs per task at most.
  CONSUMER_BACKOFF_MS: '20',
  CONSUMER_MAX_BACKOFF_MS: '200',
  CONSUMER_MAX_ATTEMPTS: '4',
};

type Health = {
  info: {
    worker: {
      workerId: string;
      groups: { groupId: string; partitions: Record<string, number[]> }[];
      tasks: Record<string, { done: number; performed: number; skipped: number }>;
    };
  };
};

const address = { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };

type Tap = Awaited<ReturnType<typeof recordTap>>;
interface Rendered {
  readonly record: KafkaMessage;
  readonly envelope: EventEnvelope<ShippingLabelRenderedPayload>;
}
const trackingNumberOf = (i: number) => `SPTEST${String(i).padStart(12, '0')}`;

describe('label-worker: async tasks with competing consumers (real Postgres, Kafka, Debezium)', () => {
  let shipping: RunningService;
  const workers = new Map<number, RunningService>();
  let db: DataSource;
  let producer: Producer;
  /** Every ShippingLabelRendered published while the suite runs. */
  let labelEvents: Tap;

  const startInstance = async (instance: number) => {
    workers.set(instance, await startWorker('label', instance, workerEnv));
  };

  const health = async (instance: number) =>
    (await getJson<Health>(`${workers.get(instance)!.url}/health`)).body.info.worker;

  const partitionsOf = async (instance: number) =>
    (await health(instance)).groups.find((g) => g.groupId === 'label-worker')?.partitions[
      Topics.shippingLabelTasks
    ] ?? [];

  /** Until the live instances' shares are disjoint and cover all six partitions (the group has settled). */
  const settled = (instances: number[]) =>
    waitFor(
      `label-worker instances ${instances.join(', ')} to share the six partitions`,
      async () => {
        const shares = await Promise.all(instances.map(partitionsOf));
        const all = shares.flat().sort((a, b) => a - b);
        const covered = JSON.stringify(all) === JSON.stringify([0, 1, 2, 3, 4, 5]);
        return covered && shares.every((share) => share.length > 0) ? shares : undefined;
      },
      90_000,
      250,
    );

  let sentinels = 0;
  /** The correlation id each task of this suite was enqueued with. */
  const correlationOf = new Map<string, string>();

  /** Enqueues label tasks straight into shipping's schema, through enqueueTask: the real outbox → Debezium path. */
  const enqueue = async (count: number, offset = 0): Promise<string[]> => {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 50) {
      await db.transaction(async (tx) => {
        for (let i = start; i < Math.min(count, start + 50); i += 1) {
          const orderId = randomUUID();
          const correlationId = `it-${randomUUID()}`;
          const taskId = await enqueueTask(tx, RenderShippingLabel, {
            producer: ShippingService.name,
            aggregateType: ShippingService.aggregateType,
            subjectId: orderId,
            payload: {
              orderId,
              shipmentId: randomUUID(),
              carrier: 'SimPost',
              trackingNumber: trackingNumberOf(offset + i),
              shippingAddress: address,
            },
            correlationId,
            causationId: null,
          });
          correlationOf.set(taskId, correlationId);
          ids.push(taskId);
        }
      });
    }
    return ids;
  };

  const doneCount = async (ids: string[]) => {
    const [row] = await queryDb<{ n: number }>(
      'shipping',
      `SELECT count(*)::int AS n FROM tasks WHERE task_id = ANY($1) AND state = 'DONE'`,
      [ids],
    );
    return row!.n;
  };

  const allDone = (ids: string[]) =>
    waitFor(
      `${ids.length} label tasks to be DONE`,
      async () => ((await doneCount(ids)) === ids.length ? true : undefined),
      240_000,
      500,
    );

  const taskRow = (taskId: string) =>
    queryDb<{ state: string; attempts: number; last_error: string | null; worker_id: string | null }>(
      'shipping',
      `SELECT state, attempts, last_error, worker_id FROM tasks WHERE task_id = $1`,
      [taskId],
    ).then((rows) => rows[0]);

  /** Every task stored exactly one label, each once, a real PDF naming its tracking number. */
  const expectLabelsOncePerTask = async (ids: string[]) => {
    const rows = await queryDb<{ task_id: string; times_stored: number; head: string; has_number: boolean }>(
      'shipping',
      `SELECT l.task_id, l.times_stored, convert_from(substring(l.pdf from 1 for 5), 'LATIN1') AS head,
              position(convert_to('(Shipping label ' || l.tracking_number || ')', 'LATIN1') in l.pdf) > 0 AS has_number
       FROM shipping_labels l WHERE l.task_id = ANY($1)`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((r) => r.times_stored !== 1)).toEqual([]);
    expect(rows.filter((r) => r.head !== '%PDF-' || !r.has_number)).toEqual([]);
  };

  const renderedOf = (taskIds: readonly string[]): Rendered[] => {
    const wanted = new Set(taskIds);
    return labelEvents.records
      .map((record) => ({
        record,
        envelope: JSON.parse(record.value!.toString()) as EventEnvelope<ShippingLabelRenderedPayload>,
      }))
      .filter(({ envelope }) => wanted.has(envelope.payload.taskId));
  };

  /**
   * Every task's ShippingLabelRendered has been published, and one more label rendered after all of them (a task
   * enqueued only now): Debezium publishes in commit order, so a second event of any task would be here by then.
   */
  const renderedSettled = async (taskIds: readonly string[]) => {
    await waitFor(
      `ShippingLabelRendered of ${taskIds.length} tasks`,
      async () =>
        new Set(renderedOf(taskIds).map((r) => r.envelope.payload.taskId)).size === taskIds.length
          ? true
          : undefined,
      120_000,
      250,
    );
    sentinels += 1;
    const [sentinel] = await enqueue(1, 9_000 + sentinels);
    await waitFor(
      'the ShippingLabelRendered of a task enqueued after them',
      async () => (renderedOf([sentinel!]).length > 0 ? true : undefined),
      60_000,
      100,
    );
    return renderedOf(taskIds);
  };

  /**
   * Exactly one ShippingLabelRendered per DONE task: one event id per task id (the tap may see a record twice, never
   * a second event), each keyed by its order, labelled, and carrying its task message's correlation id.
   */
  const expectRenderedOncePerTask = async (taskIds: readonly string[]) => {
    const rendered = await renderedSettled(taskIds);
    const eventIdsByTask = new Map<string, Set<string>>();
    for (const { envelope } of rendered) {
      const ids = eventIdsByTask.get(envelope.payload.taskId) ?? new Set();
      eventIdsByTask.set(envelope.payload.taskId, ids.add(envelope.eventId));
    }
    expect([...eventIdsByTask.keys()].sort()).toEqual([...taskIds].sort());
    expect([...eventIdsByTask.entries()].filter(([, ids]) => ids.size !== 1)).toEqual([]);
    expect(new Set(rendered.map((r) => r.envelope.eventId)).size).toBe(taskIds.length);
    const wrong = rendered.filter(
      ({ record, envelope }) =>
        record.key?.toString() !== envelope.payload.orderId ||
        envelope.aggregateType !== 'shipping' ||
        envelope.aggregateId !== envelope.payload.orderId ||
        header(record, 'id') !== envelope.eventId ||
        header(record, 'eventType') !== 'ShippingLabelRendered' ||
        envelope.correlationId !== correlationOf.get(envelope.payload.taskId) ||
        !/^label-worker-[123]$/.test(envelope.payload.workerId),
    );
    expect(wrong).toEqual([]);
  };

  const setFaults = (body: unknown) =>
    Promise.all([...workers.values()].map((w) => sendJson('PUT', `${w.url}/admin/faults`, body)));
  const resetFaults = () =>
    Promise.all([...workers.values()].map((w) => sendJson('DELETE', `${w.url}/admin/faults`)));

  beforeAll(async () => {
    // shipping-service owns the schema the workers share and creates the task topic: it starts first.
    shipping = await startApp('shipping');
    db = new DataSource({
      type: 'postgres',
      url: serviceDatabaseUrl('shipping'),
      entities: [OutboxMessage, Task],
      poolSize: 2,
    });
    await db.initialize();
    // shipping-service created shipping-label.events at boot.
    labelEvents = await recordTap(Topics.shippingLabelEvents);
    producer = kafka.producer();
    await producer.connect();
    for (const instance of [1, 2, 3]) await startInstance(instance);
    await settled([1, 2, 3]);
  });

  afterAll(async () => {
    await Promise.allSettled([producer?.disconnect(), db?.destroy(), labelEvents?.stop()]);
    await Promise.allSettled([...workers.values()].map((w) => w.stop()));
    await shipping?.stop();
  });

  test('a scheduled shipment gets its label: GET /shipments/{id} shows the task DONE, /label serves the PDF, ShippingLabelRendered follows', async () => {
    const orderId = randomUUID();
    const labelTasks = await recordTap(Topics.shippingLabelTasks);
    const command = buildMessage(ScheduleShipment, {
      aggregateType: AggregateTypes.order,
      aggregateId: orderId,
      correlationId: `it-${randomUUID()}`,
      causationId: null,
      payload: { orderId, shippingAddress: address, items: [{ sku: 'BOOK-001', quantity: 1 }], attempt: 1 },
    });
    await producer.send({
      topic: Topics.shippingCommands,
      messages: [
        {
          key: orderId,
          value: JSON.stringify(command),
          headers: { id: command.eventId, eventType: command.type, correlationId: command.correlationId },
        },
      ],
    });
    const shipment = await waitFor(
      `the label of order ${orderId} to be DONE`,
      async () => {
        const { status, body } = await getJson<Record<string, any>>(`${shipping.url}/shipments/${orderId}`);
        return status === 200 && body.label?.state === 'DONE' ? body : undefined;
      },
      60_000,
      200,
    );
    expect(shipment.label).toMatchObject({
      kind: 'RenderShippingLabel',
      state: 'DONE',
      attempts: 1,
      workerId: expect.stringMatching(/^label-worker-[123]$/),
    });
    const response = await fetch(`${shipping.url}/shipments/${orderId}/label`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain(`(Shipping label ${shipment.trackingNumber as string})`);

    // The event commits with the label: keyed by the order, the booking's correlation, caused by the task message.
    const taskMessage = await labelTasks.find(
      (m) => m.key?.toString() === orderId,
      `the label task message of order ${orderId}`,
    );
    await labelTasks.stop();
    const taskId = shipment.label.taskId as string;
    const [rendered] = await renderedSettled([taskId]);
    expect(renderedOf([taskId])).toHaveLength(1);
    expect(rendered!.envelope).toMatchObject({
      type: 'ShippingLabelRendered',
      aggregateType: 'shipping',
      aggregateId: orderId,
      correlationId: command.correlationId,
      causationId: JSON.parse(taskMessage.value!.toString()).eventId,
      payload: {
        orderId,
        shipmentId: shipment.shipmentId,
        taskId,
        trackingNumber: shipment.trackingNumber,
        workerId: shipment.label.workerId,
        renderedAt: expect.any(String),
      },
    });
    expect(rendered!.record.key?.toString()).toBe(orderId);
    expect(header(rendered!.record, 'id')).toBe(rendered!.envelope.eventId);
    expect(header(rendered!.record, 'eventType')).toBe('ShippingLabelRendered');
    expect(header(rendered!.record, 'correlationId')).toBe(command.correlationId);
  });

  test('no label task: 404 naming why, with state null', async () => {
    const orderId = randomUUID();
    const { status, body } = await getJson<Record<string, any>>(`${shipping.url}/shipments/${orderId}/label`);
    expect(status).toBe(404);
    expect(body).toMatchObject({ state: null, message: expect.stringContaining('has no label task') });
  });

  test('a task failing its first two attempts is retried with the attempts and the last error recorded, then DONE', async () => {
    await setFaults({ failTaskAttempts: 2 });
    try {
      const [taskId] = await enqueue(1);
      await allDone([taskId!]);
      expect(await taskRow(taskId!)).toMatchObject({
        state: 'DONE',
        attempts: 3,
        last_error: expect.stringContaining('task attempt 2 fails'),
      });
      await expectLabelsOncePerTask([taskId!]);
      await expectRenderedOncePerTask([taskId!]);
    } finally {
      await resetFaults();
    }
  });

  test('a task failing every attempt ends FAILED with its reason, its record on the DLQ, and /label says FAILED', async () => {
    const deadLetters = await recordTap(dlqTopicFor(Topics.shippingLabelTasks));
    await setFaults({ failTaskAttempts: 'always' });
    try {
      const [taskId] = await enqueue(1);
      const dead = await deadLetters.find(
        (m) => JSON.parse(m.value!.toString()).payload.taskId === taskId,
        `the dead letter of task ${taskId}`,
        60_000,
      );
      expect(header(dead, DlqHeaders.consumerGroup)).toBe('label-worker');
      expect(header(dead, DlqHeaders.attempts)).toBe('4');
      expect(await taskRow(taskId!)).toMatchObject({
        state: 'FAILED',
        attempts: 4,
        last_error: expect.stringContaining('InjectedTransientError'),
      });
      const [label] = await queryDb('shipping', `SELECT 1 FROM shipping_labels WHERE task_id = $1`, [taskId]);
      expect(label).toBeUndefined();
      expect(renderedOf([taskId!])).toEqual([]);
      const [task] = await queryDb<{ subject_id: string }>(
        'shipping',
        `SELECT subject_id FROM tasks WHERE task_id = $1`,
        [taskId],
      );
      const { status, body } = await getJson(`${shipping.url}/shipments/${task!.subject_id}/label`);
      expect(status).toBe(404);
      expect(body).toMatchObject({
        state: 'FAILED',
        lastError: expect.stringContaining('InjectedTransientError'),
      });
    } finally {
      await resetFaults();
      await deadLetters.stop();
    }
  });

  test('300 tasks over 3 workers: every task done once in effect, the work spread over the instances', async () => {
    const before = await Promise.all([1, 2, 3].map(health));
    const ids = await enqueue(300);
    await allDone(ids);
    await expectLabelsOncePerTask(ids);

    const byWorker = await queryDb<{ worker_id: string; n: number }>(
      'shipping',
      `SELECT worker_id, count(*)::int AS n FROM tasks WHERE task_id = ANY($1) GROUP BY worker_id`,
      [ids],
    );
    expect(byWorker.filter((w) => w.n > 0).length).toBeGreaterThanOrEqual(2);
    expect(byWorker.every((w) => /^label-worker-[123]$/.test(w.worker_id))).toBe(true);
    // Each instance's own count (/health) agrees with what the tasks table says it finished.
    const after = await Promise.all([1, 2, 3].map(health));
    const doneHere = after.map(
      (h, i) =>
        (h.tasks['RenderShippingLabel']?.done ?? 0) - (before[i]!.tasks['RenderShippingLabel']?.done ?? 0),
    );
    expect(doneHere.reduce((a, b) => a + b, 0)).toBe(300);
    for (const [i, h] of after.entries()) {
      expect(doneHere[i]).toBe(byWorker.find((w) => w.worker_id === h.workerId)?.n ?? 0);
    }
    // After the counts: it renders one more label, the barrier that every event of these tasks is out.
    await expectRenderedOncePerTask(ids);
  });

  test('a worker SIGKILLed halfway: the others take its partitions and all 300 tasks are still done once', async () => {
    const ids = await enqueue(300, 1_000);
    await waitFor(
      'a third of the tasks to be done',
      async () => ((await doneCount(ids)) >= 100 ? true : undefined),
      240_000,
      100,
    );
    await workers.get(1)!.kill();
    workers.delete(1);
    await allDone(ids);
    await expectLabelsOncePerTask(ids);
    await expectRenderedOncePerTask(ids);
    const shares = await settled([2, 3]);
    expect(shares.flat()).toHaveLength(6);
    const [stuck] = await queryDb<{ n: number }>(
      'shipping',
      `SELECT count(*)::int AS n FROM tasks WHERE task_id = ANY($1) AND state <> 'DONE'`,
      [ids],
    );
    expect(stuck!.n).toBe(0);
  });
});
