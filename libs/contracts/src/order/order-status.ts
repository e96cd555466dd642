/**
 * The status of an order, as order-service reports it and the projection shows it. PENDING: placed, waiting for
 * payment. PAYMENT_AUTHORIZED: waiting for stock. INVENTORY_RESERVED: waiting for a shipment. COMPENSATING: a step
 * failed or timed out and earlier steps are being undone. APPROVED and REJECTED are terminal.
 */
export const OrderStatus = {
  pending: 'PENDING',
  paymentAuthorized: 'PAYMENT_AUTHORIZED',
  inventoryReserved: 'INVENTORY_RESERVED',
  compensating: 'COMPENSATING',
  approved: 'APPROVED',
  rejected: 'REJECTED',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Every order status, in the order a successful order passes through them, then the compensation path. */
export const OrderStatuses: readonly OrderStatus[] = Object.values(OrderStatus);
