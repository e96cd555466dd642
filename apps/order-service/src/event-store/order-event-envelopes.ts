import { AggregateTypes, type EventEnvelope } from '@edr/contracts';
import { buildEnvelope } from '@edr/outbox';
import type { OrderEvent } from '../domain/order-events.js';

export interface EventCausation {
  readonly correlationId: string;
  /** The message that caused these events; null for an outside request. */
  readonly causationId: string | null;
  readonly occurredAt?: Date;
}

/** Envelopes for new order events: appended to the stream and written to the outbox with the same ids. */
export const orderEventEnvelopes = (
  orderId: string,
  events: readonly OrderEvent[],
  causation: EventCausation,
): EventEnvelope[] =>
  events.map((event) =>
    buildEnvelope({
      type: event.contract.type,
      schemaVersion: event.contract.schemaVersion,
      aggregateType: AggregateTypes.order,
      aggregateId: orderId,
      payload: event.payload as Record<string, unknown>,
      correlationId: causation.correlationId,
      causationId: causation.causationId,
      occurredAt: causation.occurredAt,
    }),
  );
