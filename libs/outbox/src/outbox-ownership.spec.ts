import { describe, expect, test } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  AggregateTypes,
  AuthorizePayment,
  MessageCatalog,
  OrderPlaced,
  PaymentAuthorized,
  createMessageCatalog,
  defineMessage,
} from '@edr/contracts';
import { buildMessage } from './build-envelope.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { MessageOwnershipError, UnknownMessageTypeError, writeToOutbox } from './outbox-writer.js';

/** An EntityManager inside a transaction that records what writeToOutbox inserts (the table's trigger deletes). */
const fakeTransaction = () => {
  const inserted: Record<string, unknown>[] = [];
  const manager = {
    queryRunner: { isTransactionActive: true },
    create: (_entity: unknown, row: Record<string, unknown>) => row,
    insert: async (entity: unknown, rows: Record<string, unknown>[]) => {
      expect(entity).toBe(OutboxMessage);
      inserted.push(...rows);
    },
  };
  // Only the members writeToOutbox uses are faked.
  return { manager: manager as unknown as EntityManager, inserted };
};

const orderId = '6f1c1c4e-8d7e-4a53-9f59-2d7f0f1d6a11';
const causation = { aggregateId: orderId, correlationId: 'corr-1', causationId: null };
const orderPlacedPayload = {
  orderId,
  customerId: 'c-1',
  items: [{ sku: 'SKU-1', quantity: 1, unitPrice: 5 }],
  shippingAddress: { line1: 'a', city: 'b', postalCode: 'c', country: 'DE' },
  total: 5,
  placedAt: '2026-11-28T10:00:00.000Z',
};
const paymentAuthorized = buildMessage(PaymentAuthorized, {
  ...causation,
  aggregateType: AggregateTypes.payment,
  payload: { orderId, paymentId: 'p-1', customerId: 'c-1', amount: 5 },
});

describe('writeToOutbox and message ownership', () => {
  test('refuses a message type another service produces, naming the type, its owner and the writer', async () => {
    const { manager, inserted } = fakeTransaction();
    const write = writeToOutbox(manager, [paymentAuthorized], { producer: 'order-service' });
    await expect(write).rejects.toThrow(MessageOwnershipError);
    await expect(write).rejects.toThrow(
      'order-service may not write PaymentAuthorized to its outbox: PaymentAuthorized is produced by payment-service',
    );
    await expect(write).rejects.toMatchObject({
      messageType: 'PaymentAuthorized',
      owner: 'payment-service',
      writer: 'order-service',
    });
    expect(inserted).toEqual([]);
  });

  test('writes nothing of a batch when one message is not the writer’s', async () => {
    const { manager, inserted } = fakeTransaction();
    const placed = buildMessage(OrderPlaced, {
      ...causation,
      aggregateType: AggregateTypes.order,
      payload: orderPlacedPayload,
    });
    await expect(
      writeToOutbox(manager, [placed, paymentAuthorized], { producer: 'order-service' }),
    ).rejects.toThrow(MessageOwnershipError);
    expect(inserted).toEqual([]);
  });

  test('writes the messages the writer produces, events and commands, each to its topic', async () => {
    const { manager, inserted } = fakeTransaction();
    const command = buildMessage(AuthorizePayment, {
      ...causation,
      aggregateType: AggregateTypes.order,
      payload: { orderId, customerId: 'c-1', amount: 5, attempt: 1 },
    });
    await writeToOutbox(manager, [command], { producer: 'order-service', traceparent: 'tp' });
    await writeToOutbox(manager, [paymentAuthorized], { producer: 'payment-service' });
    expect(inserted).toMatchObject([
      { type: 'AuthorizePayment', destination: 'payment.commands', traceparent: 'tp' },
      { type: 'PaymentAuthorized', destination: 'payment.events', traceparent: null },
    ]);
  });

  test('refuses a version the catalog does not have, naming the versions it has', async () => {
    const { manager } = fakeTransaction();
    const v2 = { ...paymentAuthorized, schemaVersion: 2 };
    const write = writeToOutbox(manager, [v2], { producer: 'payment-service' });
    await expect(write).rejects.toThrow(UnknownMessageTypeError);
    await expect(write).rejects.toThrow(
      'cannot write PaymentAuthorized v2 to the outbox: MessageCatalog (@edr/contracts) has PaymentAuthorized only at version 1',
    );
  });

  test('writes the schema version the definition has, v1 and v2 side by side', async () => {
    // A v2 of OrderPlaced (test fixture; the production catalog has version 1 only), on a topic of its own so that
    // the row shows which definition the writer took.
    const OrderPlacedV2 = defineMessage({
      ...OrderPlaced,
      schemaVersion: 2,
      topic: 'order.events.v2',
      payload: OrderPlaced.payload.extend({ currency: z.enum(['EUR', 'USD']) }),
    });
    const catalog = createMessageCatalog([...MessageCatalog.definitions, OrderPlacedV2]);
    const v1 = buildMessage(OrderPlaced, {
      ...causation,
      aggregateType: 'order',
      payload: orderPlacedPayload,
    });
    const v2 = buildMessage(OrderPlacedV2, {
      ...causation,
      aggregateType: 'order',
      payload: { ...orderPlacedPayload, currency: 'EUR' },
    });
    const { manager, inserted } = fakeTransaction();
    await writeToOutbox(manager, [v1, v2], { producer: 'order-service', catalog });
    expect(inserted).toMatchObject([
      { type: 'OrderPlaced', destination: 'order.events', payload: { schemaVersion: 1 } },
      {
        type: 'OrderPlaced',
        destination: 'order.events.v2',
        payload: { schemaVersion: 2, payload: { currency: 'EUR' } },
      },
    ]);
  });
});
