import type { EntityManager } from 'typeorm';
import type { AggregateType, EventEnvelope, MessageDefinition, PayloadOf } from '@edr/contracts';
import { buildMessage, writeToOutbox } from '@edr/outbox';
import { type IncomingEvent, causedBy } from './receive-record.js';

export interface Reply<TDefinition extends MessageDefinition> {
  readonly definition: TDefinition;
  readonly aggregateType: AggregateType;
  /** The replying service (`config.serviceName`): the producer the reply's definition must name. */
  readonly producer: string;
  /** Also the record key: saga replies use the order id, so one order's messages stay in order. */
  readonly aggregateId: string;
  readonly payload: PayloadOf<TDefinition>;
}

/**
 * Writes the reply to an incoming message through the transaction that applies it (the inbox transaction), so the
 * reply is published if and only if the effect commits. It carries the message's correlation id, is caused by it,
 * and keeps its trace context.
 */
export async function replyTo<TDefinition extends MessageDefinition>(
  manager: EntityManager,
  incoming: IncomingEvent,
  reply: Reply<TDefinition>,
): Promise<void> {
  const message = buildMessage(reply.definition, {
    aggregateType: reply.aggregateType,
    aggregateId: reply.aggregateId,
    payload: reply.payload,
    ...causedBy(incoming),
  });
  // Every catalog payload is a z.object; at this generic level TypeScript cannot know that.
  await writeToOutbox(manager, [message as EventEnvelope], {
    producer: reply.producer,
    traceparent: incoming.headers['traceparent'] ?? null,
  });
}
