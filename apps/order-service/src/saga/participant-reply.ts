import type { EntityManager } from 'typeorm';
import {
  type Compensation,
  type FailureCode,
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  type PayloadOf,
  PaymentAuthorized,
  PaymentDeclined,
  PaymentRefunded,
  type SagaStep,
  ShipmentCancelled,
  ShipmentFailed,
  ShipmentScheduled,
} from '@edr/contracts';
import { HandlerMap, type IncomingMessage } from '@edr/messaging';
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

/** One function per reply type, each taking the payload typed by its contract definition. */
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

/** Runs one mapped reply in the kit's transaction (see ParticipantRepliesConsumer). */
export type ApplyReply = (
  reply: ParticipantReply,
  message: IncomingMessage<unknown>,
  tx: EntityManager,
) => Promise<void>;

/**
 * The saga's replies, one line each: the participants' event topics carry exactly these types, and each payload
 * arrives typed by its definition. Any other type on those topics is dead-lettered by the kit as unprocessable.
 */
export const sagaReplyHandlers = (apply: ApplyReply): HandlerMap =>
  HandlerMap.create()
    .on(PaymentAuthorized, (m, tx) => apply(participantReplies.paymentAuthorized(m.payload), m, tx))
    .on(PaymentDeclined, (m, tx) => apply(participantReplies.paymentDeclined(m.payload), m, tx))
    .on(PaymentRefunded, (m, tx) => apply(participantReplies.paymentRefunded(m.payload), m, tx))
    .on(InventoryReserved, (m, tx) => apply(participantReplies.inventoryReserved(m.payload), m, tx))
    .on(InventoryReservationFailed, (m, tx) =>
      apply(participantReplies.inventoryReservationFailed(m.payload), m, tx),
    )
    .on(InventoryReleased, (m, tx) => apply(participantReplies.inventoryReleased(m.payload), m, tx))
    .on(ShipmentScheduled, (m, tx) => apply(participantReplies.shipmentScheduled(m.payload), m, tx))
    .on(ShipmentFailed, (m, tx) => apply(participantReplies.shipmentFailed(m.payload), m, tx))
    .on(ShipmentCancelled, (m, tx) => apply(participantReplies.shipmentCancelled(m.payload), m, tx));
