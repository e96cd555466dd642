import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AggregateTypes, AuthorizePayment, DlqHeaders, dlqTopicFor } from '@edr/contracts';
import { CreateInboxTable1764300000001, InboxMessage } from '@edr/inbox';
import { buildMessage } from '@edr/outbox';
import { createScratchSchema } from '@edr/infra';
import { header, infra, kafka, recordTap } from '@edr/testing';
import { type ConsumeBatchDeps, consumeBatch } from './consume-batch.js';
import type { RawRecord } from './decode-record.js';
import { HandlerMap } from './handler-map.js';
import type { BatchProgress } from './record-batch.js';

jest.setTimeout(90_000);

/**
 * consumeBatch on real Postgres (a scratch schema of the system database (projection's role) with the inbox's own migration) and real Kafka
 * (dead letters go to a scratch topic's `.dlq`). Each effect row records the transaction it was written in, so the
 * tests can see how many commits a batch took.
 */
const schema = `batch_spec_${randomUUID().slice(0, 8)}`;
const topic = `edr-batch-spec-${randomUUID().slice(0, 8)}`;
const dataSource = new DataSource({
  type: 'postgres',
  url: infra.databaseUrl('projection'),
  entities: [InboxMessage],
  migrations: [CreateInboxTable1764300000001],
  migrationsTableName: 'migrations',
  poolSize: 4,
  extra: { options: `-c search_path=${schema}` },
});
let producer: Producer;

/** customerId steers the handler: 'always-fails' throws every time, 'fails-once' throws on its first run. */
const command = (customerId = 'c-1') => {
  const orderId = randomUUID();
  return buildMessage(AuthorizePayment, {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    payload: { orderId, customerId, amount: 10, attempt: 1 },
    correlationId: randomUUID(),
    causationId: null,
  });
};

type Envelope = ReturnType<typeof command>;

const recordsOf = (values: (Envelope | string)[], firstOffset = 0): RawRecord[] =>
  values.map((value, i) => ({
    topic,
    partition: 0,
    offset: String(firstOffset + i),
    key: null,
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: typeof value === 'string' ? {} : { id: Buffer.from(value.eventId) },
  }));

const failedOnce = new Set<string>();
const handlers = HandlerMap.create().on(AuthorizePayment, async (message, tx) => {
  const { customerId, orderId } = message.payload;
  if (customerId === 'always-fails') throw new Error(`${orderId} cannot be applied`);
  if (customerId === 'fails-once' && !failedOnce.has(orderId)) {
    failedOnce.add(orderId);
    throw new Error(`${orderId} fails the first time`);
  }
  await tx.query(`INSERT INTO effects (message_id, record_offset, tx) VALUES ($1, $2, txid_current())`, [
    message.messageId,
    Number(message.offset),
  ]);
});

const deps = (maxRecordsPerTransaction = 100): ConsumeBatchDeps => ({
  dataSource,
  producer,
  consumerGroup: 'batch-spec',
  retry: { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 1 },
  maxRecordsPerTransaction,
});

function progress(options: { staleAfter?: number } = {}) {
  const resolved: string[] = [];
  const tracker: BatchProgress = {
    resolveOffset: (offset) => void resolved.push(offset),
    heartbeat: async () => undefined,
    isRunning: () => true,
    isStale: () => options.staleAfter !== undefined && resolved.length >= options.staleAfter,
  };
  return { tracker, resolved };
}

const effects = async (ids: readonly string[]) =>
  dataSource.query<{ message_id: string; record_offset: number; tx: string }[]>(
    `SELECT message_id, record_offset, tx::text FROM effects WHERE message_id = ANY($1) ORDER BY seq`,
    [ids],
  );

beforeAll(async () => {
  await dataSource.initialize();
  await createScratchSchema('projection', schema);
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(
    `CREATE TABLE effects (seq serial PRIMARY KEY, message_id varchar(255) NOT NULL, record_offset int, tx bigint)`,
  );
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: dlqTopicFor(topic), numPartitions: 1 }] });
  await admin.disconnect();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [dlqTopicFor(topic)] }).catch(() => undefined);
  await admin.disconnect();
  if (!dataSource.isInitialized) return;
  await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await dataSource.destroy();
});

describe('consumeBatch on real Postgres and Kafka', () => {
  test('a batch commits once: every new record applied in offset order, duplicates skipped, offset resolved after', async () => {
    const seen = command();
    await consumeBatch(recordsOf([seen]), progress().tracker, deps(), handlers);
    const fresh = Array.from({ length: 8 }, () => command());
    // seen: already in the inbox; fresh[2] twice in the batch
    const batch = recordsOf([fresh[0]!, seen, fresh[1]!, fresh[2]!, fresh[2]!, ...fresh.slice(3)], 10);
    const { tracker, resolved } = progress();

    const outcome = await consumeBatch(batch, tracker, deps(), handlers);

    expect(outcome).toEqual({ processed: 8, duplicate: 2, 'dead-lettered': 0 });
    const rows = await effects(fresh.map((c) => c.eventId));
    expect(rows.map((r) => r.message_id)).toEqual(fresh.map((c) => c.eventId));
    expect(rows.map((r) => r.record_offset)).toEqual([10, 12, 13, 15, 16, 17, 18, 19]);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
    expect(resolved).toEqual(['19']);
  });

  test('chunks of maxRecordsPerTransaction: one commit each, each offset resolved after its own commit', async () => {
    const batch = Array.from({ length: 10 }, () => command());
    const { tracker, resolved } = progress();

    await consumeBatch(recordsOf(batch, 100), tracker, deps(4), handlers);

    const rows = await effects(batch.map((c) => c.eventId));
    expect(rows).toHaveLength(10);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(3);
    expect(resolved).toEqual(['103', '107', '109']);
  });

  test('a record that always fails is isolated: the others apply once each, it goes to the DLQ after its retries', async () => {
    const tap = await recordTap(dlqTopicFor(topic));
    try {
      const good = [command(), command(), command(), command()];
      const bad = command('always-fails');
      const flaky = command('fails-once');
      const { tracker, resolved } = progress();

      const outcome = await consumeBatch(
        recordsOf([good[0]!, bad, good[1]!, flaky, good[2]!, good[3]!], 200),
        tracker,
        deps(),
        handlers,
      );

      expect(outcome).toEqual({ processed: 5, duplicate: 0, 'dead-lettered': 1 });
      const rows = await effects([...good, flaky].map((c) => c.eventId));
      expect(rows.map((r) => r.message_id).sort()).toEqual([...good, flaky].map((c) => c.eventId).sort());
      const parked = await tap.find((m) => header(m, 'id') === bad.eventId, 'the failing record in the DLQ');
      expect(header(parked, DlqHeaders.attempts)).toBe('2');
      expect(header(parked, DlqHeaders.originalOffset)).toBe('201');
      expect(resolved).toEqual(['205']);
    } finally {
      await tap.stop();
    }
  });

  test('a record that is not a message goes to the DLQ at once; the rest still commit together', async () => {
    const tap = await recordTap(dlqTopicFor(topic));
    try {
      const good = [command(), command(), command()];
      const { tracker, resolved } = progress();

      const outcome = await consumeBatch(
        recordsOf([good[0]!, 'not json', good[1]!, good[2]!], 300),
        tracker,
        deps(),
        handlers,
      );

      expect(outcome).toEqual({ processed: 3, duplicate: 0, 'dead-lettered': 1 });
      const rows = await effects(good.map((c) => c.eventId));
      expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
      const parked = await tap.find(
        (m) => header(m, DlqHeaders.originalOffset) === '301',
        'the non-JSON record in the DLQ',
      );
      expect(header(parked, DlqHeaders.error)).toMatch(/not JSON/);
      expect(resolved).toEqual(['303']);
    } finally {
      await tap.stop();
    }
  });

  test('once the partition is taken away (stale), the rest of the batch is left for its new owner', async () => {
    const batch = Array.from({ length: 6 }, () => command());
    const { tracker, resolved } = progress({ staleAfter: 1 });

    await consumeBatch(recordsOf(batch, 400), tracker, deps(3), handlers);

    expect(resolved).toEqual(['402']);
    expect(await effects(batch.map((c) => c.eventId))).toHaveLength(3);
  });
});
