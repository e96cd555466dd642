import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { DlqError } from './errors.js';
import { isRedriven, toDeadLetter, type DeadLetter } from './records.js';
import { redriveGroupFor } from './topics.js';

/** A dead letter plus whether the redrive group has already sent it back. */
export interface ListedDeadLetter extends DeadLetter {
  readonly redriven: boolean;
}

export interface DlqListing {
  readonly dlqTopic: string;
  readonly redriveGroup: string;
  /** Ordered by partition, then offset. */
  readonly records: readonly ListedDeadLetter[];
}

/** The offsets `[start, end)` of a partition still to be read. */
export interface PartitionRange {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

export interface ReadOptions {
  /** Fail when no record arrives for this long before the end is reached (default 60 s). */
  readonly stallTimeoutMs?: number;
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

/** Offsets a consumer group has committed on `topic`, by partition; partitions without a commit are absent. */
export async function committedOffsets(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<Map<number, bigint>> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = new Map<number, bigint>();
  for (const { partition, offset } of entry?.partitions ?? []) {
    if (/^\d+$/.test(offset)) committed.set(partition, BigInt(offset));
  }
  return committed;
}

/**
 * Reads every dead letter of `dlqTopic` from the beginning to the end it has now, committing nothing, and marks the
 * ones below the redrive group's committed offset as redriven.
 */
export async function listDeadLetters(
  kafka: Kafka,
  admin: Admin,
  dlqTopic: string,
  options: ReadOptions = {},
): Promise<DlqListing> {
  const redriveGroup = redriveGroupFor(dlqTopic);
  const committed = await committedOffsets(admin, redriveGroup, dlqTopic);
  const records = (await readDeadLetters(kafka, admin, dlqTopic, options)).map((record) => ({
    ...record,
    redriven: isRedriven(record.offset, committed.get(record.partition)?.toString()),
  }));
  return { dlqTopic, redriveGroup, records };
}

/** Every record of `dlqTopic` from the beginning to the current end, ordered by partition and offset. */
export async function readDeadLetters(
  kafka: Kafka,
  admin: Admin,
  dlqTopic: string,
  options: ReadOptions = {},
): Promise<DeadLetter[]> {
  const bounds = await partitionBounds(admin, dlqTopic);
  const ranges = [...bounds].map(([partition, { low, high }]) => ({ partition, start: low, end: high }));
  const records: DeadLetter[] = [];
  // kafkajs only consumes through a group: a throwaway one that never commits, deleted afterwards.
  const groupId = `edr-dlq-list.${dlqTopic}.${randomUUID().slice(0, 8)}`;
  try {
    await consumeToEnd(kafka, {
      topic: dlqTopic,
      groupId,
      ranges,
      stallTimeoutMs: options.stallTimeoutMs,
      onMessage: async (partition, message) => void records.push(toDeadLetter(dlqTopic, partition, message)),
    });
  } finally {
    if (ranges.some((range) => range.start < range.end))
      await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return records.sort((a, b) => a.partition - b.partition || compareOffsets(a.offset, b.offset));
}

const compareOffsets = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

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
          new DlqError(
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
