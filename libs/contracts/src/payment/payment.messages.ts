import { z } from 'zod';
import { defineMessage, type PayloadOf } from '../message-definition.js';
import { amountSchema } from '../saga/saga-vocabulary.js';
import { OrderService } from '../order/order.identity.js';
import { PaymentService } from './payment.identity.js';

/** `attempt` counts the orchestrator's sends of this step (1 = first); participants treat every attempt alike. */
const attempt = z.number().int().positive();

export const AuthorizePayment = defineMessage({
  type: 'AuthorizePayment',
  schemaVersion: 1,
  kind: 'command',
  topic: PaymentService.topics.paymentCommands,
  producer: OrderService.name,
  payload: z.object({ orderId: z.uuid(), customerId: z.string().min(1), amount: amountSchema, attempt }),
});

/** Compensation of AuthorizePayment. Refunds what was captured for the order, never more; idempotent. */
export const RefundPayment = defineMessage({
  type: 'RefundPayment',
  schemaVersion: 1,
  kind: 'command',
  topic: PaymentService.topics.paymentCommands,
  producer: OrderService.name,
  payload: z.object({ orderId: z.uuid(), attempt }),
});

export const PaymentAuthorized = defineMessage({
  type: 'PaymentAuthorized',
  schemaVersion: 1,
  kind: 'event',
  topic: PaymentService.topics.paymentEvents,
  producer: PaymentService.name,
  payload: z.object({
    orderId: z.uuid(),
    paymentId: z.string().min(1),
    customerId: z.string().min(1),
    amount: amountSchema,
  }),
});

export const PaymentDeclined = defineMessage({
  type: 'PaymentDeclined',
  schemaVersion: 1,
  kind: 'event',
  topic: PaymentService.topics.paymentEvents,
  producer: PaymentService.name,
  payload: z.object({
    orderId: z.uuid(),
    customerId: z.string().min(1),
    amount: amountSchema,
    code: z.enum([
      'CREDIT_LIMIT_EXCEEDED',
      'CUSTOMER_UNKNOWN',
      'CUSTOMER_PENDING',
      'CUSTOMER_REGISTRATION_FAILED',
      'CUSTOMER_FLAGGED',
      'ALREADY_COMPENSATED',
      'INJECTED_FAILURE',
    ]),
    detail: z.string(),
  }),
});

/**
 * The order's payment is refunded, or there was nothing to refund (amounts 0): a declined payment (its paymentId),
 * or no payment at all (paymentId null). Sent for every RefundPayment, including repeats, so the orchestrator always
 * gets its answer.
 */
export const PaymentRefunded = defineMessage({
  type: 'PaymentRefunded',
  schemaVersion: 1,
  kind: 'event',
  topic: PaymentService.topics.paymentEvents,
  producer: PaymentService.name,
  payload: z.object({
    orderId: z.uuid(),
    paymentId: z.string().min(1).nullable(),
    /** Refunded by this command (0 when it was already refunded). */
    amountRefunded: amountSchema,
    /** Refunded for the order in total; never more than was captured. */
    totalRefunded: amountSchema,
  }),
});

export type AuthorizePaymentPayload = PayloadOf<typeof AuthorizePayment>;
export type RefundPaymentPayload = PayloadOf<typeof RefundPayment>;
export type PaymentAuthorizedPayload = PayloadOf<typeof PaymentAuthorized>;
export type PaymentDeclinedPayload = PayloadOf<typeof PaymentDeclined>;
export type PaymentRefundedPayload = PayloadOf<typeof PaymentRefunded>;
