import { z } from 'zod';
import { stockLineSchema } from '../inventory/inventory.messages.js';
import { defineMessage, type PayloadOf } from '../message-definition.js';
import { shippingAddressSchema } from '../order/order-placed.event.js';
import { OrderService } from '../order/order.identity.js';
import { ShippingService } from './shipping.identity.js';

const attempt = z.number().int().positive();

export const ScheduleShipment = defineMessage({
  type: 'ScheduleShipment',
  schemaVersion: 1,
  kind: 'command',
  topic: ShippingService.topics.shippingCommands,
  producer: OrderService.name,
  payload: z.object({
    orderId: z.uuid(),
    shippingAddress: shippingAddressSchema,
    items: z.array(stockLineSchema).min(1),
    attempt,
  }),
});

/** Compensation of ScheduleShipment; idempotent. */
export const CancelShipment = defineMessage({
  type: 'CancelShipment',
  schemaVersion: 1,
  kind: 'command',
  topic: ShippingService.topics.shippingCommands,
  producer: OrderService.name,
  payload: z.object({ orderId: z.uuid(), attempt }),
});

export const ShipmentScheduled = defineMessage({
  type: 'ShipmentScheduled',
  schemaVersion: 1,
  kind: 'event',
  topic: ShippingService.topics.shippingEvents,
  producer: ShippingService.name,
  payload: z.object({
    orderId: z.uuid(),
    shipmentId: z.string().min(1),
    carrier: z.string().min(1),
    trackingNumber: z.string().min(1),
  }),
});

export const ShipmentFailed = defineMessage({
  type: 'ShipmentFailed',
  schemaVersion: 1,
  kind: 'event',
  topic: ShippingService.topics.shippingEvents,
  producer: ShippingService.name,
  payload: z.object({
    orderId: z.uuid(),
    code: z.enum(['UNSUPPORTED_DESTINATION', 'ALREADY_COMPENSATED', 'INJECTED_FAILURE']),
    detail: z.string(),
  }),
});

/** Sent for every CancelShipment, including repeats; shipmentId is null when there was nothing to cancel. */
export const ShipmentCancelled = defineMessage({
  type: 'ShipmentCancelled',
  schemaVersion: 1,
  kind: 'event',
  topic: ShippingService.topics.shippingEvents,
  producer: ShippingService.name,
  payload: z.object({ orderId: z.uuid(), shipmentId: z.string().min(1).nullable() }),
});

export type ScheduleShipmentPayload = PayloadOf<typeof ScheduleShipment>;
export type CancelShipmentPayload = PayloadOf<typeof CancelShipment>;
export type ShipmentScheduledPayload = PayloadOf<typeof ShipmentScheduled>;
export type ShipmentFailedPayload = PayloadOf<typeof ShipmentFailed>;
export type ShipmentCancelledPayload = PayloadOf<typeof ShipmentCancelled>;
