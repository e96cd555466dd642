import { randomUUID } from 'node:crypto';
import {
  AggregateTypes,
  type EventEnvelope,
  type MessageDefinition,
  MessageHeaders,
  OrderApproved,
  OrderPlaced,
  type PayloadOf,
} from '@edr/contracts';

/**
 * The customer of the synthetic orders. Nobody registers it, so the purchase enrichment never completes a pair for
 * these orders (it waits for a CustomerCreated that never comes) and nothing is published because of them.
 */
export const syntheticCustomer = 'bench-projection-synthetic';

/** A record as kafkajs sends it. */
export interface SyntheticRecord {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * An envelope as @edr/outbox's buildMessage makes it (a tool may not depend on the outbox library): the payload typed
 * by the definition and parsed by its schema, so a synthetic event is as valid as a real one.
 */
function envelope<D extends MessageDefinition>(
  definition: D,
  fields: { aggregateId: string; correlationId: string; causationId: string | null; occurredAt: Date },
  payload: PayloadOf<D>,
): EventEnvelope<PayloadOf<D>> {
  return {
    eventId: randomUUID(),
    type: definition.type,
    schemaVersion: definition.schemaVersion,
    occurredAt: fields.occurredAt.toISOString(),
    aggregateType: AggregateTypes.order,
    aggregateId: fields.aggregateId,
    correlationId: fields.correlationId,
    causationId: fields.causationId,
    payload: definition.payload.parse(payload) as PayloadOf<D>,
  };
}

/** Orders needed to add `missing` records, at two records (OrderPlaced, OrderApproved) per order. */
export const syntheticOrdersFor = (missing: number): number => Math.max(0, Math.ceil(missing / 2));

/**
 * One made-up order as order-service would have told it: OrderPlaced followed by OrderApproved, both valid catalog
 * envelopes keyed by the order id (so they land on one partition, in order), with the headers Debezium's outbox
 * router writes (`id`, `eventType`, `correlationId`). Valid events: the live projection applies them like any other.
 */
export function syntheticOrder(now: Date, orderId: string = randomUUID()): SyntheticRecord[] {
  const correlationId = `bench-projections-${orderId}`;
  const fields = { aggregateId: orderId, correlationId, occurredAt: now };
  const placed = envelope(
    OrderPlaced,
    { ...fields, causationId: null },
    {
      orderId,
      customerId: syntheticCustomer,
      items: [{ sku: 'BENCH-SYNTHETIC', quantity: 1, unitPrice: 10 }],
      shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      total: 10,
      placedAt: now.toISOString(),
    },
  );
  const approved = envelope(OrderApproved, { ...fields, causationId: placed.eventId }, { orderId });
  return [placed, approved].map((envelope) => ({
    key: orderId,
    value: JSON.stringify(envelope),
    headers: {
      [MessageHeaders.eventId]: envelope.eventId,
      [MessageHeaders.eventType]: envelope.type,
      [MessageHeaders.correlationId]: correlationId,
    },
  }));
}

/**
 * `orders` synthetic orders as batches of at most `batchSize` records, an order never split across two batches. Each
 * batch is built when it is asked for, so its events' time is when it is sent.
 */
export function* syntheticBatches(
  orders: number,
  batchSize: number,
  now: () => Date = () => new Date(),
): Generator<SyntheticRecord[]> {
  if (batchSize < 2) throw new Error(`batchSize must be at least 2 (one order), got ${batchSize}`);
  const perBatch = Math.floor(batchSize / 2);
  for (let done = 0; done < orders; done += perBatch) {
    const at = now();
    yield Array.from({ length: Math.min(perBatch, orders - done) }, () => syntheticOrder(at)).flat();
  }
}
