/**
 * kafkajs 2.2.4 (last release, 2023) against our Kafka 4.3.1 broker, which dropped many old protocol versions
 * (KIP-896). Covers what the services do: admin topic management, idempotent produce, consumer group join and
 * rebalance, manual commit, and a restart that resumes at the committed offset. Decision record: docs/adr/0003.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Kafka, logLevel, Partitioners, type Consumer } from 'kafkajs';
import { infraEndpoints } from './endpoints.js';

const kafka = new Kafka({
  clientId: 'kafkajs-compat',
  brokers: [...infraEndpoints().kafkaBrokers],
  // kafkajs logs every rebalance heartbeat as an ERROR; real failures surface as thrown errors.
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const topic = `edr-kafkajs-compat-${randomUUID()}`;
const groupId = `${topic}-group`;
const MESSAGES = 30;
// Jest ignores testTimeout inside a project config, so every test and hook states its own.
const TIMEOUT_MS = 90_000;
const COMMITTED_BY_FIRST = 12;

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    waitForLeaders: true,
  });
}, TIMEOUT_MS);

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
}, TIMEOUT_MS);

describe('kafkajs 2.2.4 on Kafka 4.3.1', () => {
  test(
    'admin: cluster metadata and topic listing',
    async () => {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers).toHaveLength(1);
      expect(await admin.listTopics()).toContain(topic);
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(metadata?.partitions).toHaveLength(3);
    },
    TIMEOUT_MS,
  );

  test(
    'idempotent producer writes keyed messages',
    async () => {
      // The options libs/messaging uses: InitProducerId + sequence numbers.
      const producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      try {
        const messages = Array.from({ length: MESSAGES }, (_, i) => ({
          key: `key-${i % 5}`,
          value: JSON.stringify({ i }),
          // kafkajs cannot send a null/undefined header value (it throws): absent headers are left out.
          headers: i % 2 === 0 ? { id: `event-${i}`, causationId: `cause-${i}` } : { id: `event-${i}` },
        }));
        const results = await producer.send({ topic, acks: -1, messages });
        expect(results.every((r) => r.errorCode === 0)).toBe(true);
      } finally {
        await producer.disconnect();
      }
      const offsets = await admin.fetchTopicOffsets(topic);
      expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(MESSAGES);
    },
    TIMEOUT_MS,
  );

  test(
    'a restarted group member resumes after the committed offsets: no loss, no re-delivery',
    async () => {
      // First member: processes and commits COMMITTED_BY_FIRST messages, then leaves. Messages it received beyond
      // that are neither processed nor committed, so they must come again.
      const first = await consume(
        groupId,
        (seen) => (seen.length >= COMMITTED_BY_FIRST ? 'skip' : 'process'),
        (seen) => seen.length >= COMMITTED_BY_FIRST,
      );
      expect(first.processed).toHaveLength(COMMITTED_BY_FIRST);

      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committedTotal = committed[0]?.partitions.reduce(
        (sum, p) => sum + Math.max(0, Number(p.offset)),
        0,
      );
      expect(committedTotal).toBe(COMMITTED_BY_FIRST);

      // Second member of the same group: must see exactly the rest.
      const second = await consume(
        groupId,
        () => 'process',
        (seen) => seen.length >= MESSAGES - COMMITTED_BY_FIRST,
        3_000,
      );
      const all = [...first.processed, ...second.processed].sort((a, b) => a - b);
      expect(second.processed).toHaveLength(MESSAGES - COMMITTED_BY_FIRST);
      expect(all).toEqual(Array.from({ length: MESSAGES }, (_, i) => i));
    },
    TIMEOUT_MS,
  );

  test(
    'two members of one group split the partitions',
    async () => {
      const splitGroup = `${groupId}-split`;
      const members = [kafka.consumer({ groupId: splitGroup }), kafka.consumer({ groupId: splitGroup })];
      // Latest assignment of each member, from kafkajs' GROUP_JOIN event (fired after every rebalance).
      const assigned: number[][] = members.map(() => []);
      try {
        for (const [index, member] of members.entries()) {
          member.on(member.events.GROUP_JOIN, ({ payload }) => {
            assigned[index] = payload.memberAssignment[topic] ?? [];
          });
          await member.connect();
          await member.subscribe({ topic, fromBeginning: true });
          await member.run({ eachMessage: async () => undefined });
        }
        // Until both have rejoined after the second member's arrival: non-empty and not overlapping.
        await waitUntil(
          () => assigned.every((partitions) => partitions.length > 0) && assigned.flat().length === 3,
          60_000,
        );
        expect(assigned.flat().sort()).toEqual([0, 1, 2]);
      } finally {
        await Promise.all(members.map((member) => member.disconnect()));
      }
    },
    TIMEOUT_MS,
  );
});

type Decision = 'process' | 'skip';

/** Runs one group member with manual commits until `done`, then disconnects (leaving the group). */
async function consume(
  group: string,
  decide: (processed: number[]) => Decision,
  done: (processed: number[]) => boolean,
  settleMs = 0,
): Promise<{ processed: number[] }> {
  const consumer: Consumer = kafka.consumer({ groupId: group });
  const processed: number[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async (payload) => {
        if (decide(processed) === 'skip') return;
        processed.push((JSON.parse(payload.message.value?.toString() ?? '{}') as { i: number }).i);
        // Committed offset = the next one to read.
        await consumer.commitOffsets([
          { topic, partition: payload.partition, offset: (BigInt(payload.message.offset) + 1n).toString() },
        ]);
      },
    });
    await waitUntil(() => done(processed), 60_000);
    // Extra time in which a duplicate would show up.
    if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    await consumer.disconnect();
  }
  return { processed };
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
