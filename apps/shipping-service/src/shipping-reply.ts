import type { EntityManager } from 'typeorm';
import {
  AggregateTypes,
  ShippingService,
  ShipmentCancelled,
  type ShipmentCancelledPayload,
  ShipmentFailed,
  type ShipmentFailedPayload,
  ShipmentScheduled,
  type ShipmentScheduledPayload,
} from '@edr/contracts';
import { type IncomingEvent, type Reply, replyTo } from '@edr/messaging';

/** A reply on shipping.events, paired with its definition so the payload is checked against the right schema. */
export type ShippingReply =
  | { readonly definition: typeof ShipmentScheduled; readonly payload: ShipmentScheduledPayload }
  | { readonly definition: typeof ShipmentFailed; readonly payload: ShipmentFailedPayload }
  | { readonly definition: typeof ShipmentCancelled; readonly payload: ShipmentCancelledPayload };

export const shipmentScheduled = (payload: ShipmentScheduledPayload): ShippingReply => ({
  definition: ShipmentScheduled,
  payload,
});
export const shipmentFailed = (payload: ShipmentFailedPayload): ShippingReply => ({
  definition: ShipmentFailed,
  payload,
});
export const shipmentCancelled = (payload: ShipmentCancelledPayload): ShippingReply => ({
  definition: ShipmentCancelled,
  payload,
});

/** Writes the reply through the command's inbox transaction, keyed by order id like the command. */
export const writeReply = (
  manager: EntityManager,
  command: IncomingEvent,
  reply: ShippingReply,
): Promise<void> =>
  replyTo(manager, command, {
    ...reply,
    aggregateType: AggregateTypes.shipping,
    producer: ShippingService.name,
    aggregateId: reply.payload.orderId,
  } as Reply<ShippingReply['definition']>);
