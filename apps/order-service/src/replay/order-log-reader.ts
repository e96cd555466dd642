import { randomUUID } from 'node:crypto';
import { Topics } from '@edr/contracts';
import { type KafkaSession, consumeToEnd, partitionBounds } from '@edr/topic-reader';
import type { LogRecord } from './order-log.js';
import { ReplayError } from './replay-errors.js';

/**
 * Reads order.events in passes: the first from the beginning to the end offsets the topic has when it starts, each
 * later one from where the previous stopped to the end it has then. kafkajs only consumes through a group, so the
 * reader has a throwaway one of its own (`order-replay-<uuid>`), which commits only at the end of each partition's
 * pass (so the next pass resumes there) and is deleted by `close`.
 */
export class OrderLogReader {
  readonly groupId = `order-replay-${randomUUID()}`;
  /** Per partition, the offset the next pass starts at. */
  private readonly next = new Map<number, bigint>();
  private joined = false;

  constructor(private readonly session: KafkaSession) {
    if (!session.topics.includes(Topics.orderEvents))
      throw new ReplayError(`Kafka at ${session.brokers.join(',')} has no topic ${Topics.orderEvents}`, {
        hint: 'the order service creates it when it starts: start it once, or point KAFKA_BROKERS at its cluster',
      });
  }

  /** Partitions of the topic, as of the last pass. */
  get partitions(): number {
    return this.next.size;
  }

  /** Hands every record from where the last pass stopped to the current end to `onRecord`; returns how many. */
  async readToEnd(onRecord: (record: LogRecord) => void): Promise<number> {
    const bounds = await partitionBounds(this.session.admin, Topics.orderEvents);
    const ranges = [...bounds].map(([partition, { low, high }]) => {
      const start = this.next.get(partition) ?? low;
      return { partition, start: start > low ? start : low, end: high };
    });
    let read = 0;
    if (ranges.some((range) => range.start < range.end)) this.joined = true;
    await consumeToEnd(this.session.kafka, {
      topic: Topics.orderEvents,
      groupId: this.groupId,
      ranges,
      onMessage: async (partition, message, commit) => {
        const range = ranges.find((r) => r.partition === partition);
        const offset = BigInt(message.offset);
        // Only a partition without a commit yet starts from the beginning again; what an earlier pass read is skipped.
        if (!range || offset < range.start) return;
        onRecord({ partition, offset: message.offset, key: message.key, value: message.value });
        read += 1;
        if (offset + 1n === range.end) await commit();
      },
    });
    for (const range of ranges)
      this.next.set(range.partition, range.end > range.start ? range.end : range.start);
    return read;
  }

  /** Deletes the reader's consumer group (if it ever joined); never throws. */
  async close(): Promise<void> {
    if (this.joined) await this.session.admin.deleteGroups([this.groupId]).catch(() => undefined);
  }
}
