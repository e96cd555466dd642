/**
 * list and redrive against the real broker of `npm run infra:up`: three dead letters on a fresh `<topic>.dlq` go
 * back to `<topic>` exactly once, without their dlq.* headers, and the redrive group remembers it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { infraEndpoints } from '@edr/infra';
import { consumeToEnd, createKafka, partitionBounds } from '@edr/topic-reader';
import { resolveBrokers } from './args.js';
import { listDeadLetters } from './dlq-reader.js';
import { REDRIVEN_FROM_HEADER, headerText } from './records.js';
import { redrive } from './redrive.js';
import { redriveGroupFor } from './topics.js';

// Jest ignores testTimeout inside a project config.
jest.setTimeout(60_000);

const brokers = resolveBrokers(process.env.KAFKA_BROKERS, () => infraEndpoints().kafkaBrokers);
const kafka = createKafka(brokers, 'edr-dlq');
const admin = kafka.admin();
const sourceTopic = `edr-dlq-it-${randomUUID()}`;
const dlqTopic = `${sourceTopic}.dlq`;
const emptyDlqTopic = `edr-dlq-it-empty-${randomUUID()}.dlq`;

const dlqHeaders = (i: number) => ({
  'dlq.error': `handler failed for record ${i}`,
  'dlq.original.topic': sourceTopic,
  'dlq.original.partition': '0',
  'dlq.original.offset': String(100 + i),
  'dlq.consumer.group': 'dlq-it-service',
  'dlq.failed.at': new Date().toISOString(),
  'dlq.attempts': String(i + 1),
});

const deadLetters: Array<Message & { partition: number }> = [0, 1, 2].map((i) => ({
  partition: i === 1 ? 1 : 0,
  key: `order-${i}`,
  value: JSON.stringify({ type: 'OrderPlaced', i }),
  headers: {
    id: `event-${i}`,
    eventType: 'OrderPlaced',
    correlationId: `corr-${i}`,
    // Record 2 carries a null-valued header, as the Debezium outbox router writes for a missing causationId.
    causationId: i === 2 ? (null as unknown as string) : `cause-${i}`,
    ...dlqHeaders(i),
  },
}));

/**
 * kafkajs sizes headers with Buffer.byteLength(value) before its own null branch, so it throws on a null header
 * value; for the duration of this send, size null as 0 so the encoder writes the null (length -1) on the wire.
 */
async function sendAllowingNullHeaders(send: () => Promise<unknown>): Promise<void> {
  const byteLength = Buffer.byteLength;
  Buffer.byteLength = ((value: Parameters<typeof byteLength>[0], encoding?: BufferEncoding) =>
    value === null ? 0 : byteLength(value, encoding)) as typeof byteLength;
  try {
    await send();
  } finally {
    Buffer.byteLength = byteLength;
  }
}

/** Every record of `topic` up to its current end. */
async function readTopic(topic: string): Promise<Array<KafkaMessage & { partition: number }>> {
  const bounds = await partitionBounds(admin, topic);
  const records: Array<KafkaMessage & { partition: number }> = [];
  const groupId = `edr-dlq-it-reader-${randomUUID()}`;
  await consumeToEnd(kafka, {
    topic,
    groupId,
    ranges: [...bounds].map(([partition, { low, high }]) => ({ partition, start: low, end: high })),
    onMessage: async (partition, message) => void records.push({ ...message, partition }),
  });
  await admin.deleteGroups([groupId]).catch(() => undefined);
  return records;
}

const text = (value: Buffer | null) => value?.toString('utf8');
const headerNames = (headers: IHeaders | undefined) => Object.keys(headers ?? {}).sort();

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic: sourceTopic, numPartitions: 2, replicationFactor: 1 },
      { topic: dlqTopic, numPartitions: 2, replicationFactor: 1 },
      { topic: emptyDlqTopic, numPartitions: 1, replicationFactor: 1 },
    ],
    waitForLeaders: true,
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    await sendAllowingNullHeaders(() => producer.send({ topic: dlqTopic, acks: -1, messages: deadLetters }));
  } finally {
    await producer.disconnect();
  }
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [sourceTopic, dlqTopic, emptyDlqTopic] }).catch(() => undefined);
  await admin.deleteGroups([redriveGroupFor(dlqTopic)]).catch(() => undefined);
  await admin.disconnect();
});

describe('dlq list and redrive on a real broker', () => {
  test('list: an empty DLQ returns at once', async () => {
    const begun = performance.now();
    const listing = await listDeadLetters(kafka, admin, emptyDlqTopic);
    expect(listing.records).toEqual([]);
    expect(performance.now() - begun).toBeLessThan(2_000);
  });

  test('list: three pending dead letters with their metadata', async () => {
    const { records } = await listDeadLetters(kafka, admin, dlqTopic);
    expect(records.map((r) => [r.partition, r.offset, r.redriven])).toEqual([
      [0, '0', false],
      [0, '1', false],
      [1, '0', false],
    ]);
    const byKey = new Map(records.map((r) => [text(r.key), r]));
    expect(byKey.get('order-1')).toMatchObject({
      eventType: 'OrderPlaced',
      eventId: 'event-1',
      originalTopic: sourceTopic,
      originalOffset: '101',
      consumerGroup: 'dlq-it-service',
      attempts: '2',
      error: 'handler failed for record 1',
    });
    // The null header reached the broker as null, the case kafkajs cannot send back.
    expect(byKey.get('order-2')?.headers.causationId).toBeNull();
  });

  test('redrive --dry-run sends and commits nothing', async () => {
    const result = await redrive(kafka, admin, dlqTopic, { dryRun: true });
    expect(result.redriven).toHaveLength(3);
    expect((await admin.fetchTopicOffsets(sourceTopic)).every((p) => p.high === '0')).toBe(true);
    expect((await listDeadLetters(kafka, admin, dlqTopic)).records.every((r) => !r.redriven)).toBe(true);
  });

  test('redrive: the three records return to the source topic, cleaned and marked', async () => {
    const printed: string[] = [];
    const result = await redrive(kafka, admin, dlqTopic, { onRecord: (r) => printed.push(r.from) });
    expect(result.redriven).toHaveLength(3);
    expect(result.alreadyRedriven).toBe(0);
    expect(printed.sort()).toEqual([`${dlqTopic}[0]@0`, `${dlqTopic}[0]@1`, `${dlqTopic}[1]@0`]);

    const arrived = await readTopic(sourceTopic);
    expect(arrived).toHaveLength(3);
    for (const [i, original] of deadLetters.entries()) {
      const record = arrived.find((m) => text(m.key) === `order-${i}`);
      expect(text(record?.value ?? null)).toBe(original.value);
      expect(headerNames(record?.headers).filter((name) => name.startsWith('dlq.'))).toEqual([
        REDRIVEN_FROM_HEADER,
      ]);
      expect(headerText(record?.headers, 'id')).toBe(`event-${i}`);
      expect(headerText(record?.headers, 'correlationId')).toBe(`corr-${i}`);
    }
    const nullOne = arrived.find((m) => text(m.key) === 'order-2');
    expect(headerNames(nullOne?.headers)).toEqual(
      ['correlationId', 'eventType', 'id', REDRIVEN_FROM_HEADER].sort(),
    );
    expect(headerText(nullOne?.headers, REDRIVEN_FROM_HEADER)).toBe(`${dlqTopic}[0]@1`);
  });

  test('a second redrive sends nothing', async () => {
    const result = await redrive(kafka, admin, dlqTopic);
    expect(result.redriven).toHaveLength(0);
    expect(result.alreadyRedriven).toBe(3);
    expect(await readTopic(sourceTopic)).toHaveLength(3);
  });

  test('list: three redriven, none pending', async () => {
    const { records } = await listDeadLetters(kafka, admin, dlqTopic);
    expect(records).toHaveLength(3);
    expect(records.every((r) => r.redriven)).toBe(true);
  });

  test('a later dead letter: the next redrive resumes after the committed ones and sends only it', async () => {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    try {
      await producer.send({
        topic: dlqTopic,
        acks: -1,
        messages: [{ partition: 1, key: 'order-3', value: '{"i":3}', headers: dlqHeaders(3) }],
      });
    } finally {
      await producer.disconnect();
    }
    const result = await redrive(kafka, admin, dlqTopic);
    expect(result.redriven.map((r) => r.from)).toEqual([`${dlqTopic}[1]@1`]);
    expect(result.alreadyRedriven).toBe(3);
    expect(await readTopic(sourceTopic)).toHaveLength(4);
  });

  test('CLI smoke test: npx tsx tools/dlq/src/cli.ts list <topic>', async () => {
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(
        'npx',
        ['tsx', '--conditions=development', 'tools/dlq/src/cli.ts', 'list', sourceTopic],
        {
          env: { ...process.env, KAFKA_BROKERS: brokers.join(',') },
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (err += chunk));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode, stdout: out, stderr: err }));
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^partition@offset\s+failed at\s+event type\s+id\s+key/);
    expect(stdout).toContain(`${sourceTopic}[0]@101`);
    expect(lines.at(-1)).toBe(`${dlqTopic}: 4 dead letters, 4 already redriven, 0 pending`);
  });
});
