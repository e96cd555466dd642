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

export type RenderShippingLabelPayload = PayloadOf<typeof RenderShippingLabel>;
