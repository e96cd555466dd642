import type { Producer } from 'kafkajs';
import { DlqHeaders, dlqTopicFor } from '@edr/contracts';
import type { RawRecord } from './decode-record.js';

/**
 * Moves a record the consumer cannot process to `<topic>.dlq`, keeping key, value and headers as they arrived and
 * adding why and where it came from, so it can be inspected and redriven later. The consumer then moves on.
 */
export async function sendToDeadLetter(
  producer: Producer,
  record: RawRecord,
  error: string,
  consumerGroup: string,
  attempts = 1,
): Promise<void> {
  const headers: Record<string, string | Buffer> = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (value !== undefined && value !== null) headers[name] = Buffer.isBuffer(value) ? value : String(value);
  }
  headers[DlqHeaders.error] = error.slice(0, 4_000);
  headers[DlqHeaders.originalTopic] = record.topic;
  headers[DlqHeaders.originalPartition] = String(record.partition);
  headers[DlqHeaders.originalOffset] = record.offset;
  headers[DlqHeaders.consumerGroup] = consumerGroup;
  headers[DlqHeaders.failedAt] = new Date().toISOString();
  headers[DlqHeaders.attempts] = String(attempts);
  await producer.send({
    topic: dlqTopicFor(record.topic),
    acks: -1,
    messages: [{ key: record.key, value: record.value, headers }],
  });
}
