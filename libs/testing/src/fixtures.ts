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

export interface SaleSpec {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: number;
  /** The approval's event time (the sale's time in the sales windows); placed a second before. */
  readonly approvedAt: Date;
  readonly customerId?: string;
  readonly orderId?: string;
}

/**
 * An order placed and approved, as order-service would publish them, with chosen event times: what tests, the demo
 * and the bench produce straight to order.events when they need sales at given times.
 */
export function saleEnvelopes(sale: SaleSpec) {
  const orderId = sale.orderId ?? randomUUID();
  const placedAt = new Date(sale.approvedAt.getTime() - 1_000);
  // Plain objects in the catalog's shape (this lib is below @edr/contracts); consumers validate them as any record.
  const envelope = (type: string, occurredAt: Date, causationId: string | null, payload: object) => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    occurredAt: occurredAt.toISOString(),
    aggregateType: 'order',
    aggregateId: orderId,
    correlationId: orderId,
    causationId,
    payload,
  });
  const placed = envelope('OrderPlaced', placedAt, null, {
    orderId,
    customerId: sale.customerId ?? 'sales-fixture',
    items: [{ sku: sale.sku, quantity: sale.quantity, unitPrice: sale.unitPrice }],
    shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
    total: Math.round(sale.quantity * sale.unitPrice * 100) / 100,
    placedAt: placedAt.toISOString(),
  });
  const approved = envelope('OrderApproved', sale.approvedAt, placed.eventId, { orderId });
  return [placed, approved] as const;
}

/** An envelope as Debezium's outbox router writes it to Kafka: keyed by aggregate id, `id` and `eventType` headers. */
export const kafkaMessageOf = (
  envelope: { eventId: string; type: string; aggregateId: string },
  partition?: number,
) => ({
  key: envelope.aggregateId,
  value: JSON.stringify(envelope),
  headers: { id: envelope.eventId, eventType: envelope.type },
  ...(partition === undefined ? {} : { partition }),
});
