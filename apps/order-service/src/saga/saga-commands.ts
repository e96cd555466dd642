import {
  AuthorizePayment,
  CancelShipment,
  type Compensation,
  type MessageDefinition,
  RefundPayment,
  ReleaseInventory,
  ReserveInventory,
  type SagaStep,
  ScheduleShipment,
} from '@edr/contracts';
import type { OrderSnapshot } from './order-saga.state.js';

/** A command the saga sends to a participant: written to the order outbox, routed to `<service>.commands`. */
export interface OutgoingCommand {
  readonly definition: MessageDefinition;
  readonly payload: Record<string, unknown>;
}

const stockLines = (order: OrderSnapshot) => order.items.map(({ sku, quantity }) => ({ sku, quantity }));

export function forwardCommand(step: SagaStep, order: OrderSnapshot, attempt: number): OutgoingCommand {
  switch (step) {
    case 'PAYMENT':
      return {
        definition: AuthorizePayment,
        payload: { orderId: order.orderId, customerId: order.customerId, amount: order.total, attempt },
      };
    case 'INVENTORY':
      return {
        definition: ReserveInventory,
        payload: { orderId: order.orderId, items: stockLines(order), attempt },
      };
    case 'SHIPPING':
      return {
        definition: ScheduleShipment,
        payload: {
          orderId: order.orderId,
          shippingAddress: order.shippingAddress,
          items: stockLines(order),
          attempt,
        },
      };
  }
}

export function compensationCommand(
  compensation: Compensation,
  order: OrderSnapshot,
  attempt: number,
): OutgoingCommand {
  const definitions = {
    REFUND_PAYMENT: RefundPayment,
    RELEASE_INVENTORY: ReleaseInventory,
    CANCEL_SHIPMENT: CancelShipment,
  } as const;
  return { definition: definitions[compensation], payload: { orderId: order.orderId, attempt } };
}

/** Which service answers a step, for messages humans read. */
export const participantOf: Readonly<Record<SagaStep, string>> = {
  PAYMENT: 'payment-service',
  INVENTORY: 'inventory-service',
  SHIPPING: 'shipping-service',
};
