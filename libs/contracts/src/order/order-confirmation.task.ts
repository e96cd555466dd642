import { z } from 'zod';
import { defineMessage, type PayloadOf } from '../message-definition.js';
import { taskIdSchema } from '../task/task-payload.js';
import { orderItemSchema, shippingAddressSchema } from './order-placed.event.js';
import { OrderService } from './order.identity.js';

/**
 * Asks the confirmation worker to render the confirmation mail of an approved order (subject, text, HTML) into the
 * mailbox. The order's content travels in the task, so rendering reads nothing else.
 */
export const RenderOrderConfirmation = defineMessage({
  type: 'RenderOrderConfirmation',
  schemaVersion: 1,
  kind: 'command',
  topic: OrderService.topics.orderConfirmationTasks,
  producer: OrderService.name,
  payload: z.object({
    taskId: taskIdSchema,
    orderId: z.uuid(),
    customerId: z.string().min(1),
    items: z.array(orderItemSchema).min(1),
    shippingAddress: shippingAddressSchema,
    total: z.number().nonnegative(),
  }),
});

export type RenderOrderConfirmationPayload = PayloadOf<typeof RenderOrderConfirmation>;
