import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { type EventEnvelope, MessageHeaders, parseEvent } from '@edr/contracts';
import { processOnce } from '@edr/inbox';
import { CorrelationContext } from './correlation-context.js';
import { sendToDeadLetter } from './dead-letter.js';
import { type RawRecord, decodeJsonValue, headersAsText, keyAsText } from './decode-record.js';

export interface IncomingEvent {
  readonly envelope: EventEnvelope;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** Applies one event; everything written through `manager` commits together with the inbox row. */
export type EventHandler = (event: IncomingEvent, manager: EntityManager) => Promise<void>;

export type ConsumeOutcome = 'processed' | 'duplicate' | 'dead-lettered';

export interface ConsumeDeps {
  readonly dataSource: DataSource;
  readonly producer: Producer;
  readonly consumerGroup: string;
}

/**
 * The consumer side of every service: decode, validate against the contracts, dedupe through the inbox, apply.
 * A record that can never succeed (not JSON, not a valid event) goes to the DLQ and the partition moves on. Any other
 * error (database down, a bug) is rethrown so Kafka redelivers: nothing is committed past a record that was not applied.
 */
export async function consumeRecord(
  record: RawRecord,
  deps: ConsumeDeps,
  handle: EventHandler,
): Promise<ConsumeOutcome> {
  const decoded = decodeJsonValue(record.value);
  const parsed = decoded.ok ? parseEvent(decoded.value) : decoded;
  if (!parsed.ok) {
    await sendToDeadLetter(deps.producer, record, parsed.error, deps.consumerGroup);
    return 'dead-lettered';
  }
  const headers = headersAsText(record.headers);
  const envelope = parsed.value;
  const event: IncomingEvent = {
    envelope,
    key: keyAsText(record.key),
    headers,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
  };
  const messageId = headers[MessageHeaders.eventId] ?? envelope.eventId;
  const correlation = {
    correlationId: headers[MessageHeaders.correlationId] ?? envelope.correlationId,
    causationId: envelope.eventId,
    traceparent: headers[MessageHeaders.traceparent] ?? null,
  };
  return CorrelationContext.run(correlation, () =>
    processOnce(
      deps.dataSource,
      { messageId, topic: record.topic, partition: record.partition, offset: record.offset },
      (manager) => handle(event, manager),
    ),
  );
}
