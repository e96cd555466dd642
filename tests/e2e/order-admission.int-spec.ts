import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Topics } from '@edr/contracts';
import { Services } from '@edr/topology';
import {
  type RunningService,
  drained,
  getJson,
  infra,
  queryDb,
  sendJson,
  startApp,
  waitFor,
} from '@edr/testing';
import { placeOrder, sampleOrder, seededCustomersActive } from './harness.js';
import { waitForOutcome } from './saga-harness.js';

jest.setTimeout(240_000);

/** Sagas in flight in order-service's schema now (other suites may have left some: no participant ran for them). */
async function sagasInFlight(): Promise<number> {
  const [table] = await queryDb<{ exists: boolean }>(
    'order',
    `SELECT to_regclass('order_sagas') IS NOT NULL AS exists`,
  );
  if (!table?.exists) return 0;
  const [row] = await queryDb<{ n: number }>(
    'order',
    `SELECT count(*)::int AS n FROM order_sagas WHERE deadline_at IS NOT NULL`,
  );
  return row?.n ?? 0;
}

/**
 * Every row change committed in order-service's schema from now on, as Debezium would read it (a logical replication slot with
 * test_decoding): the only way to see outbox rows, which are deleted in the transaction that writes them.
 */
async function walTap() {
  const url = new URL(infra.postgres.superuserUrl);
  url.pathname = `/${Services.order.database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  const slot = `edr_admission_${randomUUID().slice(0, 8)}`;
  await client.connect();
  await client.query(`SELECT pg_create_logical_replication_slot($1, 'test_decoding')`, [slot]);
  return {
    /** The row changes committed since the last call, one line each (`table order_svc.<name>: <op>: <columns>`). */
    async changes(): Promise<string[]> {
      const { rows } = await client.query<{ data: string }>(
        `SELECT data FROM pg_logical_slot_get_changes($1, NULL, NULL)`,
        [slot],
      );
      // The slot decodes the whole system database: keep order-service's own schema.
      return rows.map((r) => r.data).filter((line) => line.startsWith(`table ${Services.order.role}.`));
    },
    async close() {
      await client.query(`SELECT pg_drop_replication_slot($1)`, [slot]).catch(() => undefined);
      await client.end();
    },
  };
}

const RETRY_AFTER_S = 7;
const ROOM = 3;

/**
 * order-service with a limit of ROOM sagas above what is already in flight, and no participant running, so every
 * accepted saga stays in flight (a step deadline far away keeps it at PAYMENT attempt 1) until the test starts them.
 */
describe('admission control at POST /orders (real Postgres, Kafka, Connect)', () => {
  let order: RunningService;
  let participants: RunningService[] = [];
  let wal: Awaited<ReturnType<typeof walTap>>;
  let limit = 0;
  const sku = `ADMIT-${randomUUID().slice(0, 8)}`.toUpperCase();
  const bodyFor = (i: number) => sampleOrder({ items: [{ sku, quantity: 1, unitPrice: 1 + i }] });
  const accepted: Array<{ orderId: string; key: string; body: unknown; correlationId: string }> = [];

  beforeAll(async () => {
    limit = (await sagasInFlight()) + ROOM;
    order = await startApp('order', {
      ORDER_ADMISSION_MAX_IN_FLIGHT: String(limit),
      ORDER_ADMISSION_RETRY_AFTER_S: String(RETRY_AFTER_S),
      ORDER_ADMISSION_REFRESH_MS: '20',
      SAGA_STEP_TIMEOUT_MS: '120000',
    });
    // Replies left on the topics by earlier suites could finish sagas during the test: work them off first.
    await drained('order-service', [Topics.paymentEvents, Topics.inventoryEvents, Topics.shippingEvents]);
    // The orders are for a seeded customer: its registration must have run (on a fresh database, this suite may be
    // the first to start customer-service); payment reads it from customer.events when it starts later.
    const customer = await startApp('customer');
    participants.push(customer);
    await seededCustomersActive(customer);
    wal = await walTap();
  });

  afterAll(async () => {
    await wal?.close();
    await Promise.allSettled([order?.stop(), ...participants.map((p) => p.stop())]);
  });

  test('202 up to the limit, then 503 with Retry-After and a problem body, and nothing written', async () => {
    const before = (await getJson(`${order.url}/orders/admission`)).body;
    expect(before).toMatchObject({ open: true, limit, retryAfterSeconds: RETRY_AFTER_S });
    const room = limit - before.backlog;
    // Sagas may only have finished since `limit` was set (a leftover reply): at least ROOM places.
    expect(room).toBeGreaterThanOrEqual(ROOM);

    for (let i = 0; i < room; i += 1) {
      const key = `admission-${randomUUID()}`;
      const correlationId = `accepted-${randomUUID()}`;
      const body = bodyFor(i);
      const response = await placeOrder(order, body, {
        'idempotency-key': key,
        'x-correlation-id': correlationId,
      });
      expect(response.status).toBe(202);
      accepted.push({ orderId: response.body.orderId, key, body, correlationId });
    }

    // Several at once, racing on a reading that may be stale: every one refused.
    const refused = Array.from({ length: 4 }, (_, i) => ({
      key: `refused-${randomUUID()}`,
      correlationId: `refused-${randomUUID()}`,
      body: bodyFor(100 + i),
    }));
    const responses = await Promise.all(
      refused.map(({ key, correlationId, body }) =>
        placeOrder(order, body, { 'idempotency-key': key, 'x-correlation-id': correlationId }),
      ),
    );
    for (const response of responses) {
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_S));
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        status: 503,
        title: 'Service Unavailable',
        limit,
        retryAfterSeconds: RETRY_AFTER_S,
      });
      expect(response.body.backlog).toBeGreaterThanOrEqual(limit);
      expect(response.body.detail).toContain('not recorded');
      expect(response.body.detail).toContain('Idempotency-Key');
    }

    // Nothing of the refused requests anywhere: no key claimed, no event, no saga, no outbox row in the WAL.
    const keys = refused.map((r) => r.key);
    const correlationIds = refused.map((r) => r.correlationId);
    expect(await queryDb('order', `SELECT key FROM idempotency_keys WHERE key = ANY($1)`, [keys])).toEqual(
      [],
    );
    expect(
      await queryDb('order', `SELECT 1 FROM order_events WHERE correlation_id = ANY($1)`, [correlationIds]),
    ).toEqual([]);
    expect(
      await queryDb('order', `SELECT 1 FROM order_sagas WHERE correlation_id = ANY($1)`, [correlationIds]),
    ).toEqual([]);
    const changes = await wal.changes();
    expect(changes.filter((line) => [...keys, ...correlationIds].some((id) => line.includes(id)))).toEqual(
      [],
    );
    // The tap does see writes: each accepted order's event, saga row and both outbox rows carry its correlation id.
    for (const { correlationId } of accepted) {
      const tables = changes.filter((line) => line.includes(correlationId)).map((line) => line.split(':')[0]);
      expect(new Set(tables)).toEqual(
        new Set(
          ['order_events', 'order_sagas', 'outbox'].map((table) => `table ${Services.order.role}.${table}`),
        ),
      );
    }

    expect((await getJson(`${order.url}/orders/admission`)).body).toMatchObject({ open: false, limit });
  });

  test('while the door is closed, a retry of an accepted order still gets its original 202', async () => {
    const [first] = accepted;
    if (!first) throw new Error('the first test accepted no order');
    const replay = await placeOrder(order, first.body, { 'idempotency-key': first.key });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ orderId: first.orderId, status: 'PENDING' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('location')).toBe(`/orders/${first.orderId}`);

    // The same key with another body is still a client error, not an overload.
    const misuse = await placeOrder(order, bodyFor(99), { 'idempotency-key': first.key });
    expect(misuse.status).toBe(422);
    // And a new order is still refused.
    expect((await placeOrder(order, bodyFor(98))).status).toBe(503);
  });

  test('once the backlog drops below the limit, POST /orders accepts again', async () => {
    // The participants finish the accepted sagas (inventory first, so the SKU exists before any reservation).
    const inventory = await startApp('inventory');
    participants.push(inventory);
    await sendJson('PUT', `${inventory.url}/admin/inventory/${sku}`, { name: `test ${sku}`, onHand: 100 });
    participants = [...participants, ...(await Promise.all([startApp('payment'), startApp('shipping')]))];
    for (const { orderId } of accepted) {
      expect((await waitForOutcome(order, orderId, 180_000)).status).toBe('APPROVED');
    }

    await waitFor('admission to open again', async () => {
      const { body } = await getJson(`${order.url}/orders/admission`);
      return body.open === true ? body : undefined;
    });
    const again = await placeOrder(order, bodyFor(200));
    expect(again.status).toBe(202);
    expect((await waitForOutcome(order, again.body.orderId, 180_000)).status).toBe('APPROVED');
  });
});
