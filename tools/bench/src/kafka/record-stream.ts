import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { MessageHeaders } from '@edr/contracts';
import { wallMs } from '../clock.js';

/** A relayed record as the bench sees it: where it is, what it is, and its three times. */
export interface SeenRecord {
  readonly topic: string;
  readonly key: string | null;
  readonly eventType: string | undefined;
  /** The Kafka record timestamp (ms); what it means depends on the connector and topic (report/definitions.ts). */
  readonly recordTimestamp: number;
  /** When the bench's consumer had the record (wall clock of this machine, ms). */
  readonly receivedAt: number;
  /** The envelope (the record value), or null when it is not JSON. */
  readonly envelope: Readonly<Record<string, unknown>> | null;
}

/**
 * One consumer of the bench on every relayed topic, from their end: it tells the saga watcher when orders finish
 * (instead of polling GET /orders/{id}, which would load the order service more than the sagas do) and gives the
 * relay-lag probe every record's times. A new group, so it never takes records from the services' groups.
 */
export async function openRecordStream(
  kafka: Kafka,
  topics: readonly string[],
  onRecord: (record: SeenRecord) => void,
): Promise<{ stop: () => Promise<void> }> {
  // The broker answers a fetch as soon as a record is there (minBytes 1), so a long wait costs no latency and keeps
  // the bench's own polling out of the idle stack's CPU (one fetch a second instead of ten).
  const consumer = kafka.consumer({
    groupId: `bench-watch-${randomUUID()}`,
    minBytes: 1,
    maxWaitTimeInMs: 1_000,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    partitionsConsumedConcurrently: 8,
    eachBatch: async ({ batch }) => {
      const receivedAt = wallMs();
      for (const message of batch.messages) {
        let envelope: Record<string, unknown> | null = null;
        try {
          envelope = message.value
            ? (JSON.parse(message.value.toString('utf8')) as Record<string, unknown>)
            : null;
        } catch {
          envelope = null;
        }
        onRecord({
          topic: batch.topic,
          key: message.key?.toString('utf8') ?? null,
          eventType: message.headers?.[MessageHeaders.eventType]?.toString(),
          recordTimestamp: Number(message.timestamp),
          receivedAt,
          envelope,
        });
      }
    },
  });
  await joined;
  // A fresh group with fromBeginning=false resolves "latest" lazily; give the first fetches a moment to pin offsets.
  await new Promise((r) => setTimeout(r, 1_000));
  return { stop: () => consumer.disconnect() };
}
