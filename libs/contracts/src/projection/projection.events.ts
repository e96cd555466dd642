import { z } from 'zod';
import { customerIdSchema } from '../customer/customer.events.js';
import { defineMessage, type PayloadOf } from '../message-definition.js';
import { orderItemSchema } from '../order/order-placed.event.js';
import { amountSchema } from '../saga/saga-vocabulary.js';
import { ProjectionService } from './projection.identity.js';

const projectionEvent = <T extends z.ZodType>(type: string, payload: T) =>
  defineMessage({
    type,
    schemaVersion: 1,
    kind: 'event',
    topic: ProjectionService.topics.projectionEvents,
    producer: ProjectionService.name,
    payload,
  });

const isoTime = z.iso.datetime({ offset: true });

/**
 * An approved order joined with what the projection knows of its customer: the article's enrichment. Emitted once
 * per order, when both the approval and the customer's CustomerCreated have been seen (in either order). Keyed by
 * customer id, so one customer's purchases arrive in order.
 */
export const PurchaseEnriched = projectionEvent(
  'PurchaseEnriched',
  z.object({
    orderId: z.uuid(),
    customerId: customerIdSchema,
    customer: z.object({ name: z.string().min(1), email: z.string().min(3) }),
    items: z.array(orderItemSchema).min(1),
    itemCount: z.number().int().positive(),
    total: amountSchema,
    placedAt: isoTime,
    approvedAt: isoTime,
  }),
);

/**
 * A complex-event-processing rule found a pattern in a customer's events (the rule's name says which, e.g.
 * `repeated-payment-declines`). payment-service holds the customer's payments until CustomerFlagCleared.
 */
export const CustomerFlagged = projectionEvent(
  'CustomerFlagged',
  z.object({
    customerId: customerIdSchema,
    rule: z.string().min(1),
    /** The events that matched, oldest first: their ids, types and event times. */
    evidence: z.array(z.object({ eventId: z.uuid(), type: z.string().min(1), occurredAt: isoTime })).min(1),
    windowMs: z.number().int().positive(),
    flaggedAt: isoTime,
  }),
);

/** An operator cleared a customer's flag: payments are decided by the usual rules again. */
export const CustomerFlagCleared = projectionEvent(
  'CustomerFlagCleared',
  z.object({
    customerId: customerIdSchema,
    clearedBy: z.string().min(1).max(100),
    note: z.string().max(500).nullable(),
    clearedAt: isoTime,
  }),
);

/** SLA alert: an APPROVED order had no shipping label within the rule's deadline (event time). */
export const OrderLabelOverdue = projectionEvent(
  'OrderLabelOverdue',
  z.object({
    orderId: z.uuid(),
    rule: z.string().min(1),
    approvedAt: isoTime,
    deadlineAt: isoTime,
    /** The label's event time when it came after the deadline; null when none had come when the alert fired. */
    labelRenderedAt: isoTime.nullable(),
    firedAt: isoTime,
  }),
);

export type PurchaseEnrichedPayload = PayloadOf<typeof PurchaseEnriched>;
export type CustomerFlaggedPayload = PayloadOf<typeof CustomerFlagged>;
export type CustomerFlagClearedPayload = PayloadOf<typeof CustomerFlagCleared>;
export type OrderLabelOverduePayload = PayloadOf<typeof OrderLabelOverdue>;
