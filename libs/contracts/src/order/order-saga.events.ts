import { z } from 'zod';
import { defineMessage, type PayloadOf } from '../message-definition.js';
import {
  SagaSteps,
  amountSchema,
  compensationSchema,
  rejectionReasonSchema,
} from '../saga/saga-vocabulary.js';
import { OrderService } from './order.identity.js';

/**
 * Events of the Order aggregate after OrderPlaced. They are appended to the order's event stream by the saga's
 * command handlers and published on order.events, so the stream tells the whole story of every order.
 */
const orderEvent = <T extends z.ZodType>(type: string, payload: T) =>
  defineMessage({
    type,
    schemaVersion: 1,
    kind: 'event',
    topic: OrderService.topics.orderEvents,
    producer: OrderService.name,
    payload,
  });

export const OrderPaymentAuthorized = orderEvent(
  'OrderPaymentAuthorized',
  z.object({ orderId: z.uuid(), paymentId: z.string().min(1), amount: amountSchema }),
);

export const OrderInventoryReserved = orderEvent(
  'OrderInventoryReserved',
  z.object({ orderId: z.uuid(), reservationId: z.string().min(1) }),
);

export const OrderShipmentScheduled = orderEvent(
  'OrderShipmentScheduled',
  z.object({ orderId: z.uuid(), shipmentId: z.string().min(1), carrier: z.string().min(1) }),
);

export const OrderApproved = orderEvent('OrderApproved', z.object({ orderId: z.uuid() }));

/** A step failed after earlier steps succeeded: their compensations were sent. */
export const OrderRejectionStarted = orderEvent(
  'OrderRejectionStarted',
  z.object({
    orderId: z.uuid(),
    reason: rejectionReasonSchema,
    compensations: z.array(compensationSchema),
  }),
);

/** A participant confirmed one compensation. */
export const OrderCompensated = orderEvent(
  'OrderCompensated',
  z.object({ orderId: z.uuid(), compensation: compensationSchema }),
);

export const OrderRejected = orderEvent(
  'OrderRejected',
  z.object({ orderId: z.uuid(), reason: rejectionReasonSchema }),
);

/**
 * A reply arrived for a step that the saga had already given up on or finished. Recorded, never silently dropped;
 * `action` is what the saga did about it (for a late success: the compensating command it sent).
 */
export const OrderLateReplyHandled = orderEvent(
  'OrderLateReplyHandled',
  z.object({
    orderId: z.uuid(),
    step: z.enum(SagaSteps),
    replyType: z.string().min(1),
    action: z.union([compensationSchema, z.literal('NONE')]),
  }),
);

export type OrderPaymentAuthorizedPayload = PayloadOf<typeof OrderPaymentAuthorized>;
export type OrderInventoryReservedPayload = PayloadOf<typeof OrderInventoryReserved>;
export type OrderShipmentScheduledPayload = PayloadOf<typeof OrderShipmentScheduled>;
export type OrderApprovedPayload = PayloadOf<typeof OrderApproved>;
export type OrderRejectionStartedPayload = PayloadOf<typeof OrderRejectionStarted>;
export type OrderCompensatedPayload = PayloadOf<typeof OrderCompensated>;
export type OrderRejectedPayload = PayloadOf<typeof OrderRejected>;
export type OrderLateReplyHandledPayload = PayloadOf<typeof OrderLateReplyHandled>;
