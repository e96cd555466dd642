import { z } from 'zod';
import { defineMessage, type PayloadOf } from '../message-definition.js';
import { shippingAddressSchema } from '../order/order-placed.event.js';
import { taskIdSchema } from '../task/task-payload.js';
import { ShippingService } from './shipping.identity.js';

/**
 * Asks a label worker to render the shipping label of a scheduled shipment: a PDF with the address, the carrier and
 * a Code 128 barcode of the tracking number. Everything the label shows travels in the task, so the worker needs no
 * other read to render it.
 */
export const RenderShippingLabel = defineMessage({
  type: 'RenderShippingLabel',
  schemaVersion: 1,
  kind: 'command',
  topic: ShippingService.topics.shippingLabelTasks,
  producer: ShippingService.name,
  payload: z.object({
    taskId: taskIdSchema,
    orderId: z.uuid(),
    shipmentId: z.uuid(),
    carrier: z.string().min(1),
    trackingNumber: z.string().min(1).max(64),
    shippingAddress: shippingAddressSchema,
  }),
});

/**
 * A label worker rendered a shipment's label (its task is DONE). Written by the worker to shipping's outbox in the
 * transaction that stores the PDF, so the label exists if and only if the event does. On its own topic, so the
 * saga's reply consumer of shipping.events never sees it.
 */
export const ShippingLabelRendered = defineMessage({
  type: 'ShippingLabelRendered',
  schemaVersion: 1,
  kind: 'event',
  topic: ShippingService.topics.shippingLabelEvents,
  producer: ShippingService.name,
  payload: z.object({
    orderId: z.uuid(),
    shipmentId: z.uuid(),
    taskId: taskIdSchema,
    trackingNumber: z.string().min(1).max(64),
    workerId: z.string().min(1),
    renderedAt: z.iso.datetime({ offset: true }),
  }),
});

export type ShippingLabelRenderedPayload = PayloadOf<typeof ShippingLabelRendered>;
export type RenderShippingLabelPayload = PayloadOf<typeof RenderShippingLabel>;
