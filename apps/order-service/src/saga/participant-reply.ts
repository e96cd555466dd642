import {
  type Compensation,
  type EventEnvelope,
  type FailureCode,
  InventoryReleased,
  type InventoryReservationFailedPayload,
  InventoryReservationFailed,
  InventoryReserved,
  type InventoryReservedPayload,
  type PaymentAuthorizedPayload,
  PaymentAuthorized,
  type PaymentDeclinedPayload,
  PaymentDeclined,
  PaymentRefunded,
  type SagaStep,
  ShipmentCancelled,
  type ShipmentFailedPayload,
  ShipmentFailed,
  ShipmentScheduled,
  type ShipmentScheduledPayload,
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
      readonly step: SagaStep;
      readonly replyType: string;
      readonly orderEvent: OrderEvent;
    }
  | {
      readonly kind: 'failed';
      readonly step: SagaStep;
      readonly replyType: string;
      readonly code: FailureCode;
      readonly detail: string;
    }
  | { readonly kind: 'compensated'; readonly compensation: Compensation; readonly replyType: string };

/** Maps a validated reply envelope to what it means for the saga; null for types that are not saga replies. */
export function toParticipantReply(envelope: EventEnvelope): ParticipantReply | null {
  const replyType = envelope.type;
  switch (envelope.type) {
    case PaymentAuthorized.type: {
      const p = envelope.payload as PaymentAuthorizedPayload;
      return {
        kind: 'succeeded',
        step: 'PAYMENT',
        replyType,
        orderEvent: new OrderPaymentAuthorizedEvent({
          orderId: p.orderId,
          paymentId: p.paymentId,
          amount: p.amount,
        }),
      };
    }
    case InventoryReserved.type: {
      const p = envelope.payload as InventoryReservedPayload;
      return {
        kind: 'succeeded',
        step: 'INVENTORY',
        replyType,
        orderEvent: new OrderInventoryReservedEvent({ orderId: p.orderId, reservationId: p.reservationId }),
      };
    }
    case ShipmentScheduled.type: {
      const p = envelope.payload as ShipmentScheduledPayload;
      return {
        kind: 'succeeded',
        step: 'SHIPPING',
        replyType,
        orderEvent: new OrderShipmentScheduledEvent({
          orderId: p.orderId,
          shipmentId: p.shipmentId,
          carrier: p.carrier,
        }),
      };
    }
    case PaymentDeclined.type: {
      const p = envelope.payload as PaymentDeclinedPayload;
      return { kind: 'failed', step: 'PAYMENT', replyType, code: p.code, detail: p.detail };
    }
    case InventoryReservationFailed.type: {
      const p = envelope.payload as InventoryReservationFailedPayload;
      return { kind: 'failed', step: 'INVENTORY', replyType, code: p.code, detail: p.detail };
    }
    case ShipmentFailed.type: {
      const p = envelope.payload as ShipmentFailedPayload;
      return { kind: 'failed', step: 'SHIPPING', replyType, code: p.code, detail: p.detail };
    }
    case PaymentRefunded.type:
      return { kind: 'compensated', compensation: 'REFUND_PAYMENT', replyType };
    case InventoryReleased.type:
      return { kind: 'compensated', compensation: 'RELEASE_INVENTORY', replyType };
    case ShipmentCancelled.type:
      return { kind: 'compensated', compensation: 'CANCEL_SHIPMENT', replyType };
    default:
      return null;
  }
}

/** The order id every saga reply carries. */
export const orderIdOf = (envelope: EventEnvelope): string => String(envelope.payload['orderId']);
