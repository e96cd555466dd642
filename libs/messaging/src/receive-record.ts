import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { type EventEnvelope, MessageHeaders, parseEvent } from '@edr/contracts';
import { CorrelationContext } from './correlation-context.js';
import { sendToDeadLetter } from './dead-letter.js';
import { type RawRecord, decodeJsonValue, headersAsText, keyAsText } from './decode-record.js';
import {
  type RetryPolicy,
  UnprocessableMessageError,
  backoffMs,
  defaultRetryPolicy,
} from './retry-policy.js';

export interface IncomingEvent {
  readonly envelope: EventEnvelope;
  /** The id consumers dedupe on: the `id` header (the outbox row id), falling back to the envelope's eventId. */
  readonly messageId: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type ConsumeOutcome = 'processed' | 'duplicate' | 'dead-lettered';

export interface ReceiveDeps {
  readonly producer: Producer;
  readonly consumerGroup: string;
  readonly retry?: RetryPolicy;
}

const logger = new Logger('Consumer');

/**
 * Decode, validate against the contracts, run the handler with retries, dead-letter what cannot be applied.
 * A record that can never succeed (not JSON, not a valid message, UnprocessableMessageError) goes to `<topic>.dlq`
 * at once; any other error is retried with exponential backoff, and after `maxAttempts` runs the record goes to the
 * DLQ with the last error in its headers and the partition moves on. Only a failure to write the dead letter itself
 * is rethrown, so Kafka redelivers instead of skipping a record that was neither applied nor parked.
 */
export async function receiveRecord(
  record: RawRecord,
  deps: ReceiveDeps,
  handle: (event: IncomingEvent) => Promise<'processed' | 'duplicate'>,
): Promise<ConsumeOutcome> {
  const decoded = decodeJsonValue(record.value);
  const parsed = decoded.ok ? parseEvent(decoded.value) : decoded;
  if (!parsed.ok) {
    await sendToDeadLetter(deps.producer, record, parsed.error, deps.consumerGroup, 1);
    return 'dead-lettered';
  }
  const headers = headersAsText(record.headers);
  const envelope = parsed.value;
  const event: IncomingEvent = {
    envelope,
    messageId: headers[MessageHeaders.eventId] ?? envelope.eventId,
    key: keyAsText(record.key),
    headers,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
  };
  const correlation = {
    correlationId: headers[MessageHeaders.correlationId] ?? envelope.correlationId,
    causationId: envelope.eventId,
    traceparent: headers[MessageHeaders.traceparent] ?? null,
  };
  const policy = deps.retry ?? defaultRetryPolicy;
  const where = `${record.topic}[${record.partition}]@${record.offset} ${envelope.type} ${event.messageId}`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await CorrelationContext.run(correlation, () => handle(event));
    } catch (error) {
      const message = describeError(error);
      const permanent = error instanceof UnprocessableMessageError;
      if (permanent || attempt >= policy.maxAttempts) {
        logger.error(`${where}: giving up after ${attempt} attempt(s), dead-lettering: ${message}`);
        await sendToDeadLetter(deps.producer, record, message, deps.consumerGroup, attempt);
        return 'dead-lettered';
      }
      const delay = backoffMs(policy, attempt);
      logger.warn(
        `${where}: attempt ${attempt}/${policy.maxAttempts} failed (${message}); retrying in ${delay} ms`,
      );
      await sleep(delay);
    }
  }
}

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/** Correlation for a message sent because of `event`: same correlation id, caused by the event's id. */
export const causedBy = (event: IncomingEvent) => ({
  correlationId: event.envelope.correlationId,
  causationId: event.envelope.eventId,
});
