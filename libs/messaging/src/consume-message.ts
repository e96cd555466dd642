import type { DataSource } from 'typeorm';
import { eventEnvelopeSchema, describeIssues, parseEvent } from '@edr/contracts';
import { processOnce } from '@edr/inbox';
import type { BeforeMessageHook } from './before-message.js';
import { sendToDeadLetter } from './dead-letter.js';
import { type RawRecord, decodeJsonValue } from './decode-record.js';
import type { HandlerMap } from './handler-map.js';
import { incomingEvent } from './incoming-message.js';
import { type ConsumeOutcome, type RetryDeps, describeError, withRetries } from './retry-loop.js';
import { UnprocessableMessageError } from './retry-policy.js';

export interface ConsumeMessageDeps extends RetryDeps {
  readonly dataSource: DataSource;
  readonly beforeMessage?: BeforeMessageHook;
}

/**
 * The consumer side of every service, transport-neutral (MessageConsumer feeds it Nest's Kafka records):
 * decode and validate the record, route it by type and schema version through `handlers`, and apply it exactly once:
 * inbox row, the hook, the handler's effect and the outbox rows it writes commit in one transaction. Duplicates are
 * skipped; what can never succeed (not JSON, not a valid message, a type this consumer does not take, an
 * UnprocessableMessageError) goes to `<topic>.dlq` at once; other errors are retried with backoff (withRetries).
 */
export async function consumeMessage(
  record: RawRecord,
  deps: ConsumeMessageDeps,
  handlers: HandlerMap,
): Promise<ConsumeOutcome> {
  const deadLetter = async (error: string): Promise<ConsumeOutcome> => {
    await sendToDeadLetter(deps.producer, record, error, deps.consumerGroup, 1);
    return 'dead-lettered';
  };
  const decoded = decodeJsonValue(record.value);
  if (!decoded.ok) return deadLetter(decoded.error);
  const envelope = eventEnvelopeSchema.safeParse(decoded.value);
  if (!envelope.success) return deadLetter(`invalid envelope: ${describeIssues(envelope.error.issues)}`);
  const route = handlers.route(envelope.data);
  if (!route) return deadLetter(whyNotRouted(decoded.value, record.topic, deps.consumerGroup));
  const event = incomingEvent(record, envelope.data);
  const bound = route.bind(event);
  if (!bound.ok) return deadLetter(bound.error);
  return withRetries(record, event, deps, () =>
    processOnce(
      deps.dataSource,
      { messageId: event.messageId, topic: event.topic, partition: event.partition, offset: event.offset },
      async (tx) => {
        await deps.beforeMessage?.(event);
        await bound.value(tx);
      },
    ),
  );
}

/** A type or version the catalog does not know is reported as such; a valid message nobody here handles is unprocessable. */
function whyNotRouted(value: unknown, topic: string, consumerGroup: string): string {
  const parsed = parseEvent(value);
  if (!parsed.ok) return parsed.error;
  const { type, schemaVersion } = parsed.value;
  return describeError(
    new UnprocessableMessageError(`${consumerGroup} does not take ${type} v${schemaVersion} (on ${topic})`),
  );
}
