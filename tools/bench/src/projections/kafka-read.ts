import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { sleep, wallMs } from '../clock.js';
import type { KafkaReadFigures } from './projection-result.js';

/**
 * Reads `topics` from their first offset to their end now, in a throwaway group, doing nothing with a record but
 * JSON.parse: what fetching and decoding the log costs without the projection's validation and database work. The
 * same consumer shape as the rebuild's LogReplay (one partition at a time, 4 MiB per partition fetch).
 */
export async function readFromStart(
  kafka: Kafka,
  admin: Admin,
  topics: readonly string[],
  signal: AbortSignal,
): Promise<KafkaReadFigures> {
  const ends = new Map<string, number>();
  const empty: string[] = [];
  let target = 0;
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      ends.set(`${topic}:${p.partition}`, Number(p.high));
      if (Number(p.high) <= Number(p.low)) empty.push(`${topic}:${p.partition}`);
      target += Number(p.high) - Number(p.low);
    }
  }
  const groupId = `bench-read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 4 * 1024 * 1024 });
  let records = 0;
  // Partitions read to their end; an empty partition is read already.
  const reached = new Set(empty);
  let firstAt: number | null = null;
  let doneAt: number | null = null;
  const started = wallMs();
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch }) => {
        firstAt ??= wallMs();
        const key = `${batch.topic}:${batch.partition}`;
        const end = ends.get(key) ?? 0;
        for (const message of batch.messages) {
          if (Number(message.offset) >= end) break;
          records += 1;
          try {
            if (message.value) JSON.parse(message.value.toString('utf8'));
          } catch {
            // A poison record (the tests write some): read all the same, as the projection dead-letters it.
          }
        }
        // Offsets without a record (transaction markers of a transactional producer) count as read, as in LogReplay.
        if (Number(batch.lastOffset()) + 1 >= end) reached.add(key);
      },
    });
    const deadline = wallMs() + 600_000;
    while (reached.size < ends.size && !signal.aborted) {
      if (wallMs() > deadline) throw new Error(`read ${records} of ${target} records in 600 s`);
      await sleep(5, signal);
    }
    doneAt = wallMs();
  } finally {
    // disconnect waits for the fetch in flight, which the broker holds up to maxWaitTime on a drained log: not
    // part of the read.
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  // From connect, as the rebuild's replay time is counted (its consumer joins a fresh group too).
  const seconds = ((doneAt ?? wallMs()) - started) / 1000;
  return {
    records,
    seconds,
    firstBatchSeconds: ((firstAt ?? started) - started) / 1000,
    recordsPerSecond: seconds > 0 ? records / seconds : 0,
  };
}
