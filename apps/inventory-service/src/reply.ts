import type { EntityManager } from 'typeorm';
import { AggregateTypes, type EventEnvelope, type MessageDefinition, type PayloadOf } from '@edr/contracts';
import { type IncomingEvent, causedBy } from '@edr/messaging';
import { buildMessage, writeToOutbox } from '@edr/outbox';

/**
 * Writes the reply to a command through the command's own inbox transaction, so the reply exists exactly when the
 * effect does. Keyed by the order id, like the command, so one order's replies stay in order.
 */
export async function reply<TDefinition extends MessageDefinition>(
  manager: EntityManager,
  command: IncomingEvent,
  definition: TDefinition,
  orderId: string,
  payload: PayloadOf<TDefinition>,
): Promise<void> {
  const message = buildMessage(definition, {
    aggregateType: AggregateTypes.inventory,
    aggregateId: orderId,
    payload,
    ...causedBy(command),
  });
  // Every catalog payload is a z.object, which the generic payload type cannot show.
  await writeToOutbox(manager, [message as EventEnvelope], {
    traceparent: command.headers.traceparent ?? null,
  });
}
