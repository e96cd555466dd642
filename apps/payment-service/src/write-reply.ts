import type { EntityManager } from 'typeorm';
import { AggregateTypes, type EventEnvelope, type MessageDefinition, type PayloadOf } from '@edr/contracts';
import { type IncomingEvent, causedBy } from '@edr/messaging';
import { buildMessage, writeToOutbox } from '@edr/outbox';

/**
 * Writes a reply to `event` through the inbox transaction, so the reply is published if and only if the effect
 * commits. Keyed by the order id: all of one order's messages stay on one partition, in order.
 */
export async function writeReply<TDefinition extends MessageDefinition>(
  manager: EntityManager,
  event: IncomingEvent,
  definition: TDefinition,
  payload: PayloadOf<TDefinition> & { readonly orderId: string },
): Promise<void> {
  const reply = buildMessage(definition, {
    aggregateType: AggregateTypes.payment,
    aggregateId: payload.orderId,
    payload,
    ...causedBy(event),
  });
  // Every catalog payload is a z.object; at this generic level TypeScript cannot know that.
  await writeToOutbox(manager, [reply as EventEnvelope], { traceparent: event.headers.traceparent ?? null });
}
