import { eventEnvelopeSchema, describeIssues, parseEvent } from '@edr/contracts';
import { type RawRecord, decodeJsonValue } from './decode-record.js';
import type { BoundHandler, HandlerMap } from './handler-map.js';
import { type IncomingEvent, incomingEvent } from './incoming-message.js';
import { describeError } from './retry-loop.js';
import { UnprocessableMessageError } from './retry-policy.js';

/** A record ready to apply (valid, routed, payload typed), or why it never can be. */
export type PreparedMessage =
  | {
      readonly ok: true;
      readonly record: RawRecord;
      readonly event: IncomingEvent;
      readonly apply: BoundHandler;
    }
  | { readonly ok: false; readonly record: RawRecord; readonly error: string };

export type ReadyMessage = Extract<PreparedMessage, { ok: true }>;

/** Where a ready message's inbox row says it came from. */
export const inboxRecordOf = ({ event }: ReadyMessage) => ({
  messageId: event.messageId,
  topic: event.topic,
  partition: event.partition,
  offset: event.offset,
});

/**
 * Decodes and validates a record and routes it by type and schema version through `handlers`. Nothing here can
 * succeed on a retry: a record that is not JSON, not a valid message, of a type this consumer does not take, or
 * with an invalid payload is reported for the dead-letter topic.
 */
export function prepareMessage(
  record: RawRecord,
  handlers: HandlerMap,
  consumerGroup: string,
): PreparedMessage {
  const fail = (error: string): PreparedMessage => ({ ok: false, record, error });
  const decoded = decodeJsonValue(record.value);
  if (!decoded.ok) return fail(decoded.error);
  const envelope = eventEnvelopeSchema.safeParse(decoded.value);
  if (!envelope.success) return fail(`invalid envelope: ${describeIssues(envelope.error.issues)}`);
  const route = handlers.route(envelope.data);
  if (!route) return fail(whyNotRouted(decoded.value, record.topic, consumerGroup));
  const event = incomingEvent(record, envelope.data);
  const bound = route.bind(event);
  if (!bound.ok) return fail(bound.error);
  return { ok: true, record, event, apply: bound.value };
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
