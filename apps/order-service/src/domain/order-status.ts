/**
 * PENDING: placed, waiting for payment. PAYMENT_AUTHORIZED: waiting for stock. INVENTORY_RESERVED: waiting for a
 * shipment. COMPENSATING: a step failed or timed out and earlier steps are being undone. APPROVED and REJECTED are
 * terminal. The saga's own progress (step, attempts, deadline) is separate: see saga/order-saga.state.ts.
 */
export const OrderStatus = {
  pending: 'PENDING',
  paymentAuthorized: 'PAYMENT_AUTHORIZED',
  inventoryReserved: 'INVENTORY_RESERVED',
  approved: 'APPROVED',
  compensating: 'COMPENSATING',
  rejected: 'REJECTED',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];
