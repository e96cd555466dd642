import { randomUUID } from 'node:crypto';

/**
 * A valid OrderPlaced envelope as it arrives on order.events, fresh ids each call. `schemaVersion` and extra payload
 * fields let a test build the same message at another version.
 */
export const orderPlacedEnvelope = (schemaVersion = 1, extra: Record<string, unknown> = {}) => {
  const orderId = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'OrderPlaced',
    schemaVersion,
    occurredAt: new Date().toISOString(),
    aggregateType: 'order',
    aggregateId: orderId,
    correlationId: randomUUID(),
    causationId: null,
    payload: {
      orderId,
      customerId: 'c-1',
      items: [{ sku: 'SKU-1', quantity: 2, unitPrice: 9.99 }],
      shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      total: 19.98,
      placedAt: new Date().toISOString(),
      ...extra,
    },
  };
};
