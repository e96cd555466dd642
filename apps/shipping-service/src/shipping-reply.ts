import type { EntityManager } from 'typeorm';
import {
  AggregateTypes,
  ShipmentCancelled,
  type ShipmentCancelledPayload,
  ShipmentFailed,
  type ShipmentFailedPayload,
  ShipmentScheduled,
  type ShipmentScheduledPayload,
} from '@edr/contracts';
import { type IncomingEvent, causedBy } from '@edr/messaging';
import { buildMessage, writeToOutbox } from '@edr/outbox';

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

/**
 * Writes the reply through the command's inbox transaction, so the reply exists if and only if the effect does.
 * Keyed by order id like the command, which keeps one order's replies in the order they were decided.
 */
export async function writeReply(
  manager: EntityManager,
  command: IncomingEvent,
  reply: ShippingReply,
): Promise<void> {
  const message = buildMessage(reply.definition, {
    aggregateType: AggregateTypes.shipping,
    aggregateId: reply.payload.orderId,
    payload: reply.payload,
    ...causedBy(command),
  });
  await writeToOutbox(manager, [message], { traceparent: command.headers.traceparent ?? null });
}
