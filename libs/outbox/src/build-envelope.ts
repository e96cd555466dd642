import { randomUUID } from 'node:crypto';
import type { AggregateType, EventEnvelope, MessageDefinition, PayloadOf } from '@edr/contracts';

export interface NewEvent<TPayload> {
  readonly type: string;
  readonly schemaVersion: number;
  readonly aggregateType: AggregateType;
  readonly aggregateId: string;
  readonly payload: TPayload;
  readonly correlationId: string;
  /** The id of the message that caused this event; null when it was caused by an outside request. */
  readonly causationId: string | null;
  readonly eventId?: string;
  readonly occurredAt?: Date;
}

export const buildEnvelope = <TPayload extends object>(
  event: NewEvent<TPayload>,
): EventEnvelope<TPayload> => ({
  eventId: event.eventId ?? randomUUID(),
  type: event.type,
  schemaVersion: event.schemaVersion,
  occurredAt: (event.occurredAt ?? new Date()).toISOString(),
  aggregateType: event.aggregateType,
  aggregateId: event.aggregateId,
  correlationId: event.correlationId,
  causationId: event.causationId,
  payload: event.payload,
});

export interface NewMessage<TDefinition extends MessageDefinition> {
  readonly aggregateType: AggregateType;
  /** Also the Kafka record key: every saga message uses the order id, so one order's messages stay in order. */
  readonly aggregateId: string;
  readonly payload: PayloadOf<TDefinition>;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly eventId?: string;
  readonly occurredAt?: Date;
}

/** An envelope for a catalog message, with the payload type-checked against the definition's schema. */
export const buildMessage = <TDefinition extends MessageDefinition>(
  definition: TDefinition,
  message: NewMessage<TDefinition>,
): EventEnvelope<PayloadOf<TDefinition>> =>
  // Zod payload types are not known to be objects at this generic level; every catalog payload is a z.object.
  buildEnvelope({
    ...message,
    payload: message.payload as object,
    type: definition.type,
    schemaVersion: definition.schemaVersion,
  }) as EventEnvelope<PayloadOf<TDefinition>>;
