import { defineServiceContract } from '../service-contract.js';
import { RenderOrderConfirmation } from './order-confirmation.task.js';
import { OrderPlaced } from './order-placed.event.js';
import {
  OrderApproved,
  OrderCompensated,
  OrderInventoryReserved,
  OrderLateReplyHandled,
  OrderPaymentAuthorized,
  OrderRejected,
  OrderRejectionStarted,
  OrderShipmentScheduled,
} from './order-saga.events.js';
import { OrderService } from './order.identity.js';

/**
 * order.events: the order's event stream, as published; order.confirmation-tasks: its own background work. The saga's
 * commands belong to the participants' contracts.
 */
export const OrderContract = defineServiceContract(OrderService, [
  OrderPlaced,
  OrderPaymentAuthorized,
  OrderInventoryReserved,
  OrderShipmentScheduled,
  OrderApproved,
  OrderRejectionStarted,
  OrderCompensated,
  OrderRejected,
  OrderLateReplyHandled,
  RenderOrderConfirmation,
]);
