import { randomUUID } from 'node:crypto';
import type { AggregateType, EventEnvelope } from '@edr/contracts';

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
