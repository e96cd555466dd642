import type { MessageDefinition } from './message-definition.js';
import {
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  ReleaseInventory,
  ReserveInventory,
} from './inventory/inventory.messages.js';
import { OrderPlaced } from './order/order-placed.event.js';
import {
  OrderApproved,
  OrderCompensated,
  OrderInventoryReserved,
  OrderLateReplyHandled,
  OrderPaymentAuthorized,
  OrderRejected,
  OrderRejectionStarted,
  OrderShipmentScheduled,
} from './order/order-saga.events.js';
import {
  AuthorizePayment,
  PaymentAuthorized,
  PaymentDeclined,
  PaymentRefunded,
  RefundPayment,
} from './payment/payment.messages.js';
import {
  CancelShipment,
  ScheduleShipment,
  ShipmentCancelled,
  ShipmentFailed,
  ShipmentScheduled,
} from './shipping/shipping.messages.js';

const definitions: readonly MessageDefinition[] = [
  OrderPlaced,
  OrderPaymentAuthorized,
  OrderInventoryReserved,
  OrderShipmentScheduled,
  OrderApproved,
  OrderRejectionStarted,
  OrderCompensated,
  OrderRejected,
  OrderLateReplyHandled,
  AuthorizePayment,
  RefundPayment,
  PaymentAuthorized,
  PaymentDeclined,
  PaymentRefunded,
  ReserveInventory,
  ReleaseInventory,
  InventoryReserved,
  InventoryReservationFailed,
  InventoryReleased,
  ScheduleShipment,
  CancelShipment,
  ShipmentScheduled,
  ShipmentFailed,
  ShipmentCancelled,
];

/**
 * Every message type this system knows, by name: consumers validate incoming payloads against it and the outbox
 * takes each message's topic from it. docs/message-catalog.md is checked against this list by a test.
 */
export const MessageCatalog: Readonly<Record<string, MessageDefinition>> = Object.fromEntries(
  definitions.map((definition) => [definition.type, definition]),
);

/** The catalog entry for `type`, or undefined. */
export const messageDefinition = (type: string): MessageDefinition | undefined =>
  Object.hasOwn(MessageCatalog, type) ? MessageCatalog[type] : undefined;
