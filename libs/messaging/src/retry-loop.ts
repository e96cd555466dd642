import { setTimeout as wait } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { MessageHeaders } from '@edr/contracts';
import { type Correlation, CorrelationContext } from './correlation-context.js';
import { sendToDeadLetter } from './dead-letter.js';
import type { RawRecord } from './decode-record.js';
import type { IncomingEvent } from './incoming-message.js';
import {
  type RetryPolicy,
  UnprocessableMessageError,
  backoffMs,
  defaultRetryPolicy,
} from './retry-policy.js';

export type ConsumeOutcome = 'processed' | 'duplicate' | 'dead-lettered';

export interface RetryDeps {
  readonly producer: Producer;
  readonly consumerGroup: string;
  readonly retry?: RetryPolicy;
  /** Waits between attempts; tests pass one that records the delays instead of sleeping. */
  readonly sleep?: (ms: number) => Promise<unknown>;
}

const logger = new Logger('Consumer');

/**
 * Runs `attempt` for a decoded, valid message until it succeeds, in the message's correlation context. An
 * UnprocessableMessageError goes to `<topic>.dlq` at once; any other error is retried with exponential backoff, and
 * after `maxAttempts` runs the record goes to the DLQ with the last error in its headers and the partition moves on.
 * Only a failure to write the dead letter itself is rethrown, so Kafka redelivers instead of skipping a record that
 * was neither applied nor parked.
 */
export async function withRetries(
  record: RawRecord,
  event: IncomingEvent,
  deps: RetryDeps,
  attempt: () => Promise<'processed' | 'duplicate'>,
): Promise<ConsumeOutcome> {
  const correlation = correlationOf(event);
  const policy = deps.retry ?? defaultRetryPolicy;
  const sleep = deps.sleep ?? wait;
  const where = `${record.topic}[${record.partition}]@${record.offset} ${event.envelope.type} ${event.messageId}`;
  for (let run = 1; ; run += 1) {
    try {
      return await CorrelationContext.run(correlation, attempt);
    } catch (error) {
      const message = describeError(error);
      const permanent = error instanceof UnprocessableMessageError;
      if (permanent || run >= policy.maxAttempts) {
        logger.error(`${where}: giving up after ${run} attempt(s), dead-lettering: ${message}`);
        await sendToDeadLetter(deps.producer, record, message, deps.consumerGroup, run);
        return 'dead-lettered';
      }
      const delay = backoffMs(policy, run);
      logger.warn(
        `${where}: attempt ${run}/${policy.maxAttempts} failed (${message}); retrying in ${delay} ms`,
      );
      await sleep(delay);
    }
  }
}

/** The correlation a message is handled in: its ids become the correlation and causation of what it writes. */
export const correlationOf = (event: IncomingEvent): Correlation => ({
  correlationId: event.headers[MessageHeaders.correlationId] ?? event.envelope.correlationId,
  causationId: event.envelope.eventId,
  traceparent: event.headers[MessageHeaders.traceparent] ?? null,
});

export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
