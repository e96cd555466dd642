import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { consumeToEnd, partitionBounds } from '@edr/topic-reader';
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

export interface ReadOptions {
  /** Fail when no record arrives for this long before the end is reached (default 60 s). */
  readonly stallTimeoutMs?: number;
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
