import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { infra } from './infra.js';
import { waitFor } from './wait-for.js';

export const kafka = new Kafka({
  clientId: 'e2e-tests',
  brokers: [...infra.kafkaBrokers],
  logLevel: logLevel.NOTHING,
});

/** Collects every record arriving on `topic` after it has joined (from the end of the log). */
export async function recordTap(topic: string) {
  const consumer: Consumer = kafka.consumer({ groupId: `e2e-tap-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const records: Array<KafkaMessage & { partition: number }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: async ({ message, partition }) => void records.push({ ...message, partition }),
  });
  await joined;
  // A fresh group with fromBeginning=false resolves "latest" lazily; give the first fetch a moment to pin offsets.
  await new Promise((r) => setTimeout(r, 500));
  return {
    records,
    find: (predicate: (m: KafkaMessage) => boolean, what: string, timeoutMs = 30_000) =>
      waitFor(what, async () => records.find(predicate), timeoutMs),
    stop: () => consumer.disconnect(),
  };
}

export const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();

/** Resolves when `groupId` has committed every record currently on `topics` (its backlog is worked off). */
export async function drained(groupId: string, topics: readonly string[], timeoutMs = 180_000) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await Promise.all(
      topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) })),
    );
    await waitFor(
      `${groupId} to work off its backlog on ${topics.join(', ')}`,
      async () => {
        const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
        const behind = ends.some(({ topic, partitions }) =>
          partitions.some(({ partition, high }) => {
            const offset = committed
              .find((c) => c.topic === topic)
              ?.partitions.find((p) => p.partition === partition)?.offset;
            return BigInt(offset === undefined || offset === '-1' ? '0' : offset) < BigInt(high);
          }),
        );
        return behind ? undefined : true;
      },
      timeoutMs,
      250,
    );
  } finally {
    await admin.disconnect();
  }
}
