import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { sleep, wallMs } from '../clock.js';
import type { KafkaRoundTrip } from '../result-model.js';
import { summarize } from '../stats.js';

/** A scratch topic of the bench; deleted afterwards (and on Ctrl-C, see deleteRoundTripTopic). */
export const roundTripTopic = () => `edr-bench.round-trip.${Date.now()}`;

export async function deleteRoundTripTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  } finally {
    await admin.disconnect();
  }
}

/**
 * kafkajs settings of the baseline: the producer as the services configure theirs (idempotent, one request in
 * flight, so acks from all in-sync replicas), and a consumer that is answered as soon as a record is there.
 */
export const roundTripClient =
  'kafkajs producer { idempotent: true, maxInFlightRequests: 1, acks: -1 }; consumer { minBytes: 1, maxWaitTimeInMs: 100 }, eachBatch';

const value = (id: string) => JSON.stringify({ id, pad: 'x'.repeat(600) });

/**
 * A direct kafkajs produce → consume round trip on a scratch topic, without outbox or Debezium: latency at a low rate
 * (one message every 1/rate s, each waited for) and the most messages per second one producer and one consumer
 * move through the broker.
 */
export async function kafkaRoundTrip(
  kafka: Kafka,
  options: { topic: string; lowRateMessages: number; perSecond: number; seconds: number; batchSize: number },
  signal: AbortSignal,
): Promise<KafkaRoundTrip> {
  const { topic } = options;
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  const consumer = kafka.consumer({ groupId: `bench-rt-${randomUUID()}`, minBytes: 1, maxWaitTimeInMs: 100 });
  const waiting = new Map<string, (at: number) => void>();
  let received = 0;
  let lastReceivedAt = 0;
  try {
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        const at = wallMs();
        for (const message of batch.messages) {
          received++;
          lastReceivedAt = at;
          const key = message.key?.toString();
          if (key) waiting.get(key)?.(at);
        }
      },
    });
    await joined;
    await sleep(500);

    // The first sends open connections and fetch metadata: warm up before measuring.
    const warmup = 10;
    const latencies: number[] = [];
    for (let i = 0; i < options.lowRateMessages + warmup && !signal.aborted; i++) {
      const id = randomUUID();
      const arrived = new Promise<number>((resolve) => waiting.set(id, resolve));
      const sentAt = wallMs();
      await producer.send({ topic, acks: -1, messages: [{ key: id, value: value(id) }] });
      const latency = (await arrived) - sentAt;
      if (i >= warmup) latencies.push(latency);
      waiting.delete(id);
      await sleep(1000 / options.perSecond - (wallMs() - sentAt), signal);
    }

    const before = received;
    const started = wallMs();
    let sent = 0;
    while (wallMs() - started < options.seconds * 1000 && !signal.aborted) {
      const messages = Array.from({ length: options.batchSize }, () => {
        const id = randomUUID();
        return { key: id, value: value(id) };
      });
      await producer.send({ topic, acks: -1, messages });
      sent += messages.length;
    }
    const drainUntil = wallMs() + 10_000;
    while (received - before < sent && wallMs() < drainUntil && !signal.aborted) await sleep(20);
    const moved = received - before;
    return {
      lowRate: { perSecond: options.perSecond, messages: latencies.length, latencyMs: summarize(latencies) },
      throughput: {
        seconds: (lastReceivedAt - started) / 1000,
        messages: moved,
        messagesPerSecond: moved / ((lastReceivedAt - started) / 1000),
        batchSize: options.batchSize,
      },
      client: roundTripClient,
    };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
