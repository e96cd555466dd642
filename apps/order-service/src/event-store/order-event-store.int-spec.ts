import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@edr/database';
import { IdempotencyKey } from '@edr/idempotency';
import { platformSchema } from '@edr/platform';
import { Services } from '@edr/topology';
import { infraEndpoints } from '@edr/infra';
import { OrderAggregate } from '../domain/order.aggregate.js';
import { OrderPaymentAuthorizedEvent } from '../domain/order-events.js';
import { CreateOrderTables1764300000100 } from '../migrations/1764300000100-create-order-tables.js';
import { IdempotencyKeysResourceId1764300000190 } from '../migrations/1764300000190-idempotency-keys-resource-id.js';
import { ConcurrencyError } from './concurrency.error.js';
import { orderEventEnvelopes } from './order-event-envelopes.js';
import { OrderEventRow } from './order-event.entity.js';
import { OrderEventStore } from './order-event-store.js';

jest.setTimeout(60_000);

describe('OrderEventStore: two writers at the same expected version', () => {
  let dataSource: DataSource;
  let store: OrderEventStore;

  beforeAll(async () => {
    dataSource = createDataSource({
      url: infraEndpoints().databaseUrl('order'),
      // The order service's schema as OrderServiceModule declares it, the platform's tables included.
      ...platformSchema({
        service: Services.order,
        entities: [OrderEventRow, IdempotencyKey],
        migrations: [CreateOrderTables1764300000100, IdempotencyKeysResourceId1764300000190],
      }),
      applicationName: 'order-event-store-int-spec',
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    store = new OrderEventStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const placed = async () => {
    const orderId = randomUUID();
    const order = OrderAggregate.place({
      orderId,
      customerId: 'c-race',
      items: [{ sku: 'RACE-1', quantity: 1, unitPrice: 1 }],
      shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      placedAt: new Date(),
    });
    const envelopes = orderEventEnvelopes(orderId, order.getUncommittedEvents(), {
      correlationId: randomUUID(),
      causationId: null,
    });
    await dataSource.transaction((manager) => store.append(manager, orderId, 0, envelopes));
    return orderId;
  };

  const next = (orderId: string, paymentId: string) =>
    orderEventEnvelopes(orderId, [new OrderPaymentAuthorizedEvent({ orderId, paymentId, amount: 1 })], {
      correlationId: randomUUID(),
      causationId: null,
    });

  /** Resolves once some backend of this test waits for a lock: the second writer is blocked on the first's row. */
  const someoneWaitsForALock = async () => {
    for (let i = 0; i < 200; i++) {
      const rows: unknown[] = await dataSource.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = 'order-event-store-int-spec' AND wait_event_type = 'Lock'`,
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the second writer never blocked on the first');
  };

  test('exactly one commits; the other gets ConcurrencyError; the stream has no gap and no duplicate version', async () => {
    const orderId = await placed();
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstAppended!: () => void;
    const firstHasAppended = new Promise<void>((resolve) => (firstAppended = resolve));

    // Both read version 1 and append version 2. The first holds its transaction open until the second is
    // blocked on the same (stream_id, version), so the two really race inside the database.
    const first = dataSource.transaction(async (manager) => {
      await store.append(manager, orderId, 1, next(orderId, 'pay-first'));
      firstAppended();
      await firstMayCommit;
    });
    await firstHasAppended;
    const second = dataSource.transaction(async (manager) => {
      await store.append(manager, orderId, 1, next(orderId, 'pay-second'));
    });
    await someoneWaitsForALock();
    releaseFirst();
    const results = await Promise.allSettled([first, second]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const lost = results[1];
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(ConcurrencyError);
    expect(lost?.status === 'rejected' && lost.reason).toMatchObject({
      streamId: orderId,
      expectedVersion: 1,
    });

    const stream = await store.load(orderId);
    expect(stream.map((e) => e.version)).toEqual([1, 2]);
    expect(stream[1]?.payload).toMatchObject({ paymentId: 'pay-first' });
  });

  test('four writers at once: one commits, three get ConcurrencyError, the versions stay dense', async () => {
    const orderId = await placed();
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((id) =>
        dataSource.transaction((manager) => store.append(manager, orderId, 1, next(orderId, `pay-${id}`))),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(3);
    lost.forEach((o) => expect(o.status === 'rejected' && o.reason).toBeInstanceOf(ConcurrencyError));
    expect((await store.load(orderId)).map((e) => e.version)).toEqual([1, 2]);
  });
});
