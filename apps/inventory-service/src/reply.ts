import type { EntityManager } from 'typeorm';
import { AggregateTypes, InventoryService, type MessageDefinition, type PayloadOf } from '@edr/contracts';
import { type IncomingEvent, replyTo } from '@edr/messaging';

/** A reply on inventory.events, keyed by the order id like the command. */
export const reply = <TDefinition extends MessageDefinition>(
  manager: EntityManager,
  command: IncomingEvent,
  definition: TDefinition,
  orderId: string,
  payload: PayloadOf<TDefinition>,
): Promise<void> =>
  replyTo(manager, command, {
    definition,
    aggregateType: AggregateTypes.inventory,
    producer: InventoryService.name,
    aggregateId: orderId,
    payload,
  });
