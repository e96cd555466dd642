import type { EventEnvelope, MessageDefinition, PayloadOf } from '@edr/contracts';
import { MessageHeaders } from '@edr/contracts';
import { type RawRecord, headersAsText, keyAsText } from './decode-record.js';

/** A message as a handler receives it: the validated envelope, its typed payload, and where it came from. */
export interface IncomingMessage<TPayload> {
  readonly envelope: EventEnvelope<TPayload>;
  /** The envelope's payload, validated against the message definition the handler was registered for. */
  readonly payload: TPayload;
  /** The id consumers dedupe on: the `id` header (the outbox row id), falling back to the envelope's eventId. */
  readonly messageId: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** The message a handler registered for definition `D` receives. */
export type IncomingMessageOf<D extends MessageDefinition> = IncomingMessage<PayloadOf<D>>;

/** A message whose envelope is valid but whose payload is not (yet) typed. */
export type IncomingEvent = Omit<IncomingMessage<unknown>, 'envelope' | 'payload'> & {
  readonly envelope: EventEnvelope;
};

/**
 * What a reply or a follow-up message needs from the message that caused it. Only these fields, so a reply decided
 * later (after its message was consumed) can be written from what was stored of that message.
 */
export interface MessageOrigin {
  readonly envelope: Pick<EventEnvelope, 'eventId' | 'correlationId'>;
  readonly headers: Readonly<Record<string, string>>;
}

/** Pairs a record's coordinates and headers with its decoded envelope. */
export function incomingEvent(record: RawRecord, envelope: EventEnvelope): IncomingEvent {
  const headers = headersAsText(record.headers);
  return {
    envelope,
    messageId: headers[MessageHeaders.eventId] ?? envelope.eventId,
    key: keyAsText(record.key),
    headers,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
  };
}

/** Correlation for a message sent because of `origin`: same correlation id, caused by the origin's id. */
export const causedBy = (origin: MessageOrigin) => ({
  correlationId: origin.envelope.correlationId,
  causationId: origin.envelope.eventId,
});
