import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { TopicReadError } from './topic-read.error.js';

/** The offsets `[start, end)` of a partition still to be read. */
export interface PartitionRange {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

const DEFAULT_STALL_TIMEOUT_MS = 60_000;

/** Low and high watermark of each partition: the log currently holds offsets `[low, high)`. */
export async function partitionBounds(
  admin: Admin,
  topic: string,
): Promise<Map<number, { readonly low: bigint; readonly high: bigint }>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.map((p) => [p.partition, { low: BigInt(p.low), high: BigInt(p.high) }]));
}

export interface ConsumeToEndOptions {
  readonly topic: string;
  readonly groupId: string;
  /** Partitions to read up to (excluding) `end`; those with `start >= end` are done already. */
  readonly ranges: readonly PartitionRange[];
  readonly stallTimeoutMs?: number | undefined;
  /**
   * Called for each record below its partition's end, one at a time per partition, in offset order. `commit`
   * commits the group's offset past this record. A throw stops the whole run (nothing after it is handled).
   */
  readonly onMessage: (
    partition: number,
    message: KafkaMessage,
    commit: () => Promise<void>,
  ) => Promise<void>;
}

/**
 * Consumes `topic` as member of `groupId` (from the committed offset, else the beginning) until every partition has
 * reached the end given in `ranges`, then leaves the group. Never commits by itself (autoCommit off). Returns at
 * once, without joining the group, when there is nothing to read.
 */
export async function consumeToEnd(kafka: Kafka, options: ConsumeToEndOptions): Promise<void> {
  const { topic, groupId, onMessage } = options;
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const remaining = new Map(options.ranges.filter((r) => r.start < r.end).map((r) => [r.partition, r.end]));
  if (remaining.size === 0) return;

  // A short session lets a redrive resume soon after a crashed run, whose member the broker drops after it.
  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 250,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    allowAutoTopicCreation: false,
  });
  let settled = false;
  let stallTimer: NodeJS.Timeout | undefined;
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined); // Awaited below; this only keeps an early failure from being "unhandled".

  const finish = (error?: unknown) => {
    if (settled) return;
    settled = true;
    clearTimeout(stallTimer);
    if (error === undefined) resolveDone();
    else {
      consumer.pause([{ topic }]);
      rejectDone(error);
    }
  };
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(
      () =>
        finish(
          new TopicReadError(
            `no progress reading ${topic} for ${stallTimeoutMs / 1000} s (${remaining.size} partition(s) short of the end)`,
            {
              hint: 'check the broker with npm run infra:status; another process may hold the consumer group',
            },
          ),
        ),
      stallTimeoutMs,
    );
  };
  const reached = (partition: number, lastOffset: bigint) => {
    const end = remaining.get(partition);
    if (end === undefined || lastOffset + 1n < end) return;
    remaining.delete(partition);
    consumer.pause([{ topic, partitions: [partition] }]);
    if (remaining.size === 0) finish();
  };

  consumer.on(consumer.events.CRASH, ({ payload }) => finish(payload.error));
  // A batch of only control records or compacted-away offsets never reaches eachMessage but still moves the end.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.batchSize === 0 && !settled) reached(payload.partition, BigInt(payload.lastOffset));
  });

  const start = async () => {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const end = remaining.get(partition);
        if (settled || end === undefined) return;
        const offset = BigInt(message.offset);
        if (offset >= end) return reached(partition, end - 1n);
        armStallTimer();
        try {
          await onMessage(partition, message, () =>
            consumer.commitOffsets([{ topic, partition, offset: (offset + 1n).toString() }]),
          );
        } catch (error) {
          return finish(error);
        }
        reached(partition, offset);
      },
    });
  };

  try {
    armStallTimer();
    const started = start();
    started.catch(() => undefined);
    // Joining the group can hang (e.g. behind a crashed member); the stall timer settles `done` meanwhile.
    await Promise.race([started, done]);
    await done;
  } finally {
    clearTimeout(stallTimer);
    await consumer.disconnect().catch(() => undefined);
  }
}
