import type { z } from 'zod';
import {
  type Compensation,
  type EventEnvelope,
  type FailureCode,
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  type MessageDefinition,
  type PayloadOf,
  PaymentAuthorized,
  PaymentDeclined,
  PaymentRefunded,
  type SagaStep,
  ShipmentCancelled,
  ShipmentFailed,
  ShipmentScheduled,
} from '@edr/contracts';
import {
  type OrderEvent,
  OrderInventoryReservedEvent,
  OrderPaymentAuthorizedEvent,
  OrderShipmentScheduledEvent,
} from '../domain/order-events.js';

/** A participant's answer, in the saga's terms. */
export type ParticipantReply =
  | {
      readonly kind: 'succeeded';
      readonly orderId: string;
      readonly step: SagaStep;
      readonly replyType: string;
      readonly orderEvent: OrderEvent;
    }
  | {
      readonly kind: 'failed';
      readonly orderId: string;
      readonly step: SagaStep;
      readonly replyType: string;
      readonly code: FailureCode;
      readonly detail: string;
    }
  | {
      readonly kind: 'compensated';
      readonly orderId: string;
      readonly compensation: Compensation;
      readonly replyType: string;
    };

/**
 * One function per reply type, each taking the payload typed by its contract definition. A consumer's handler map
 * registers each with its definition (`.on(PaymentAuthorized, ...)`), so no payload is ever cast.
 */
export const participantReplies = {
  paymentAuthorized: (p: PayloadOf<typeof PaymentAuthorized>): ParticipantReply => ({
    kind: 'succeeded',
    orderId: p.orderId,
    step: 'PAYMENT',
    replyType: PaymentAuthorized.type,
    orderEvent: new OrderPaymentAuthorizedEvent({
      orderId: p.orderId,
      paymentId: p.paymentId,
      amount: p.amount,
    }),
  }),
  inventoryReserved: (p: PayloadOf<typeof InventoryReserved>): ParticipantReply => ({
    kind: 'succeeded',
    orderId: p.orderId,
    step: 'INVENTORY',
    replyType: InventoryReserved.type,
    orderEvent: new OrderInventoryReservedEvent({ orderId: p.orderId, reservationId: p.reservationId }),
  }),
  shipmentScheduled: (p: PayloadOf<typeof ShipmentScheduled>): ParticipantReply => ({
    kind: 'succeeded',
    orderId: p.orderId,
    step: 'SHIPPING',
    replyType: ShipmentScheduled.type,
    orderEvent: new OrderShipmentScheduledEvent({
      orderId: p.orderId,
      shipmentId: p.shipmentId,
      carrier: p.carrier,
    }),
  }),
  paymentDeclined: (p: PayloadOf<typeof PaymentDeclined>): ParticipantReply => ({
    kind: 'failed',
    orderId: p.orderId,
    step: 'PAYMENT',
    replyType: PaymentDeclined.type,
    code: p.code,
    detail: p.detail,
  }),
  inventoryReservationFailed: (p: PayloadOf<typeof InventoryReservationFailed>): ParticipantReply => ({
    kind: 'failed',
    orderId: p.orderId,
    step: 'INVENTORY',
    replyType: InventoryReservationFailed.type,
    code: p.code,
    detail: p.detail,
  }),
  shipmentFailed: (p: PayloadOf<typeof ShipmentFailed>): ParticipantReply => ({
    kind: 'failed',
    orderId: p.orderId,
    step: 'SHIPPING',
    replyType: ShipmentFailed.type,
    code: p.code,
    detail: p.detail,
  }),
  paymentRefunded: (p: PayloadOf<typeof PaymentRefunded>): ParticipantReply => ({
    kind: 'compensated',
    orderId: p.orderId,
    compensation: 'REFUND_PAYMENT',
    replyType: PaymentRefunded.type,
  }),
  inventoryReleased: (p: PayloadOf<typeof InventoryReleased>): ParticipantReply => ({
    kind: 'compensated',
    orderId: p.orderId,
    compensation: 'RELEASE_INVENTORY',
    replyType: InventoryReleased.type,
  }),
  shipmentCancelled: (p: PayloadOf<typeof ShipmentCancelled>): ParticipantReply => ({
    kind: 'compensated',
    orderId: p.orderId,
    compensation: 'CANCEL_SHIPMENT',
    replyType: ShipmentCancelled.type,
  }),
} as const;

interface ReplyMapping {
  readonly definition: MessageDefinition;
  readonly map: (payload: unknown) => ParticipantReply;
}

/** Binds a reply function to its definition; the definition's schema turns the envelope's payload into its type. */
const mapping = <S extends z.ZodType>(
  definition: MessageDefinition<S>,
  map: (payload: z.output<S>) => ParticipantReply,
): ReplyMapping => ({ definition, map: (payload) => map(definition.payload.parse(payload)) });

/** The saga's replies by message type: what the participants' event topics carry. */
const replyMappings: ReadonlyMap<string, ReplyMapping> = new Map(
  [
    mapping(PaymentAuthorized, participantReplies.paymentAuthorized),
    mapping(PaymentDeclined, participantReplies.paymentDeclined),
    mapping(PaymentRefunded, participantReplies.paymentRefunded),
    mapping(InventoryReserved, participantReplies.inventoryReserved),
    mapping(InventoryReservationFailed, participantReplies.inventoryReservationFailed),
    mapping(InventoryReleased, participantReplies.inventoryReleased),
    mapping(ShipmentScheduled, participantReplies.shipmentScheduled),
    mapping(ShipmentFailed, participantReplies.shipmentFailed),
    mapping(ShipmentCancelled, participantReplies.shipmentCancelled),
  ].map((m) => [m.definition.type, m] as const),
);

/** Maps a validated reply envelope to what it means for the saga; null for types that are not saga replies. */
export function toParticipantReply(envelope: EventEnvelope): ParticipantReply | null {
  return replyMappings.get(envelope.type)?.map(envelope.payload) ?? null;
}
