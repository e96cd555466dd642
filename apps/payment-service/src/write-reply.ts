import type { EntityManager } from 'typeorm';
import { AggregateTypes, PaymentService, type MessageDefinition, type PayloadOf } from '@edr/contracts';
import { type IncomingEvent, replyTo } from '@edr/messaging';

/** A reply on payment.events, keyed by the order id. */
export const writeReply = <TDefinition extends MessageDefinition>(
  manager: EntityManager,
  event: IncomingEvent,
  definition: TDefinition,
  payload: PayloadOf<TDefinition> & { readonly orderId: string },
): Promise<void> =>
  replyTo(manager, event, {
    definition,
    aggregateType: AggregateTypes.payment,
    producer: PaymentService.name,
    aggregateId: payload.orderId,
    payload,
  });
