import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaMessage, Producer } from 'kafkajs';
import pg from 'pg';
import {
  AggregateTypes,
  DlqHeaders,
  type EventEnvelope,
  ReleaseInventory,
  ReserveInventory,
  type StockLine,
  Topics,
  dlqTopicFor,
} from '@edr/contracts';
import { buildMessage } from '@edr/outbox';
import { type RunningService, header, infra, kafka, recordTap, startService, waitFor } from '@edr/testing';

jest.setTimeout(120_000);

const databaseUrl = infra.databaseUrl('inventory');

const startInventoryService = (env: Record<string, string> = {}) =>
  startService({
    name: 'inventory-service',
    port: 4103,
    env: {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      CONSUMER_BACKOFF_MS: '20',
      CONSUMER_MAX_ATTEMPTS: '3',
      // Blank means unset: a crash fault from the caller's environment must not leak in.
      FAULT_CRASH_AFTER_MESSAGES: '',
      ...env,
    },
  });

type Tap = Awaited<ReturnType<typeof recordTap>>;
interface Reply {
  readonly type: string | undefined;
  readonly envelope: EventEnvelope<Record<string, any>>;
  readonly message: KafkaMessage;
}

let service: RunningService;
let events: Tap;
let deadLetters: Tap;
let producer: Producer;

const freshSku = (label: string) => `IT-${label}-${randomUUID().slice(0, 8).toUpperCase()}`;

const reserveCommand = (orderId: string, items: StockLine[], attempt = 1) =>
  buildMessage(ReserveInventory, {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    payload: { orderId, items, attempt },
    correlationId: `inventory-it-${orderId}`,
    causationId: null,
  });

const releaseCommand = (orderId: string, attempt = 1) =>
  buildMessage(ReleaseInventory, {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    payload: { orderId, attempt },
    correlationId: `inventory-it-${orderId}`,
    causationId: null,
  });

/** Produces commands as the orchestrator's outbox would: keyed by order id, id/type/correlation in headers. */
async function send(commands: EventEnvelope[], partition?: number) {
  const metadata = await producer.send({
    topic: Topics.inventoryCommands,
    acks: -1,
    messages: commands.map((command) => ({
      key: command.aggregateId,
      value: JSON.stringify(command),
      partition,
      headers: { id: command.eventId, eventType: command.type, correlationId: command.correlationId },
    })),
  });
  return metadata[0]!;
}

const repliesFor = (orderId: string): Reply[] =>
  events.records
    .filter((m) => m.key?.toString() === orderId)
    .map((message) => ({
      type: header(message, 'eventType'),
      envelope: JSON.parse(message.value!.toString()),
      message,
    }));

/** The first `count` replies for the order (waits until there are that many). */
const replies = (orderId: string, count = 1, timeoutMs = 30_000) =>
  waitFor(
    `${count} repl${count === 1 ? 'y' : 'ies'} for order ${orderId}`,
    async () => {
      const found = repliesFor(orderId);
      return found.length >= count ? found : undefined;
    },
    timeoutMs,
  );

const firstReply = async (orderId: string, timeoutMs?: number) => (await replies(orderId, 1, timeoutMs))[0]!;

/**
 * Waits until everything sent to `partition` so far has been handled: records of a partition are consumed in order,
 * so once a release sent after them is answered, they were too. A short grace covers replies of other orders that
 * travel on other partitions of inventory.events.
 */
async function drained(partition: number) {
  const marker = randomUUID();
  await send([releaseCommand(marker)], partition);
  await firstReply(marker);
  await sleep(300);
}

async function http(method: string, path: string, body?: unknown) {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** SKUs this run created; removed again afterwards so the catalog the demo lists stays the seeded one. */
const createdSkus = new Set<string>();

const putStock = async (sku: string, onHand: number, name?: string) => {
  const response = await http('PUT', `/admin/inventory/${sku}`, { onHand, ...(name ? { name } : {}) });
  expect(response.status).toBe(200);
  createdSkus.add(sku);
  return response.body;
};

const stockOf = async (sku: string) => (await http('GET', `/inventory/${sku}`)).body;

async function queryDb<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('inventory-service (real Postgres, Kafka, Debezium)', () => {
  beforeAll(async () => {
    // The service creates inventory.commands(.dlq) and inventory.events at boot, before the taps subscribe.
    service = await startInventoryService();
    [events, deadLetters] = await Promise.all([
      recordTap(Topics.inventoryEvents),
      recordTap(dlqTopicFor(Topics.inventoryCommands)),
    ]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.allSettled([events?.stop(), deadLetters?.stop(), producer?.disconnect()]);
    await service?.stop();
    const skus = [...createdSkus];
    // One statement: the foreign keys are checked at its end, when both the lines and their orders are gone.
    await queryDb(
      `WITH orders AS (SELECT DISTINCT order_id FROM reservation_lines WHERE sku = ANY($1)),
            lines AS (DELETE FROM reservation_lines WHERE order_id IN (SELECT order_id FROM orders))
       DELETE FROM reservations WHERE order_id IN (SELECT order_id FROM orders)`,
      [skus],
    );
    await queryDb('DELETE FROM stock WHERE sku = ANY($1)', [skus]);
  });

  test('HTTP: the seeded catalog, one SKU, admin upsert; 404, 400 and 409 name what is wrong', async () => {
    const catalog = await http('GET', '/inventory');
    expect(catalog.status).toBe(200);
    const bySku = new Map((catalog.body as any[]).map((s) => [s.sku, s]));
    for (const sku of [
      'BOOK-001',
      'BOOK-002',
      'BOOK-003',
      'MUG-042',
      'TSHIRT-007',
      'STICKER-100',
      'RARE-001',
      'SOLD-OUT-001',
    ]) {
      const stock = bySku.get(sku);
      expect(stock).toMatchObject({ sku, name: expect.any(String) });
      expect(stock.available).toBe(stock.onHand - stock.reserved);
    }
    expect(bySku.get('BOOK-001').name).toBe('Domain-Driven Design');

    const book = await http('GET', '/inventory/BOOK-001');
    expect(book.status).toBe(200);
    expect(Object.keys(book.body).sort()).toEqual(['available', 'name', 'onHand', 'reserved', 'sku']);

    const unknown = await http('GET', '/inventory/NO-SUCH-SKU');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('NO-SUCH-SKU');

    const sku = freshSku('ADMIN');
    expect(await putStock(sku, 5, 'Test widget')).toEqual({
      sku,
      name: 'Test widget',
      onHand: 5,
      reserved: 0,
      available: 5,
    });
    // Name kept when omitted.
    expect(await putStock(sku, 7)).toMatchObject({ name: 'Test widget', onHand: 7, available: 7 });
    const negative = await http('PUT', `/admin/inventory/${sku}`, { onHand: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.errors).toEqual([expect.objectContaining({ field: 'onHand' })]);

    expect((await http('GET', '/inventory/reservations/not-a-uuid')).status).toBe(400);
    const missing = await http('GET', `/inventory/reservations/${randomUUID()}`);
    expect(missing.status).toBe(404);
  });

  test('ReserveInventory holds every line (duplicates merged): available goes down, onHand cannot drop below reserved', async () => {
    const base = freshSku('HAPPY');
    const [a, b] = [`${base}-A`, `${base}-B`];
    await Promise.all([putStock(a, 10), putStock(b, 5)]);
    const orderId = randomUUID();
    const command = reserveCommand(orderId, [
      { sku: b, quantity: 1 },
      { sku: a, quantity: 2 },
      { sku: a, quantity: 1 },
    ]);
    await send([command]);

    const reply = await firstReply(orderId);
    expect(reply.type).toBe('InventoryReserved');
    expect(reply.envelope.payload).toEqual({
      orderId,
      reservationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      items: [
        { sku: a, quantity: 3 },
        { sku: b, quantity: 1 },
      ],
    });
    expect(reply.envelope.causationId).toBe(command.eventId);
    expect(header(reply.message, 'correlationId')).toBe(command.correlationId);

    expect(await stockOf(a)).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    expect(await stockOf(b)).toMatchObject({ onHand: 5, reserved: 1, available: 4 });
    const reservation = await http('GET', `/inventory/reservations/${orderId}`);
    expect(reservation.body).toMatchObject({
      orderId,
      reservationId: reply.envelope.payload.reservationId,
      status: 'RESERVED',
      failure: null,
      items: reply.envelope.payload.items,
    });

    const conflict = await http('PUT', `/admin/inventory/${a}`, { onHand: 2 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toContain('3 units are reserved');
    expect(await putStock(a, 3)).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
  });

  test('UNKNOWN_SKU names the SKU and leaves nothing reserved', async () => {
    const known = freshSku('KNOWN');
    const unknown = `${known}-ZZZ-MISSING`; // sorts after `known`: that line is reserved first, then undone
    await putStock(known, 5);
    const orderId = randomUUID();
    await send([
      reserveCommand(orderId, [
        { sku: unknown, quantity: 1 },
        { sku: known, quantity: 2 },
      ]),
    ]);

    const reply = await firstReply(orderId);
    expect(reply.type).toBe('InventoryReservationFailed');
    expect(reply.envelope.payload).toEqual({
      orderId,
      code: 'UNKNOWN_SKU',
      sku: unknown,
      detail: expect.stringContaining(unknown),
    });
    expect(await stockOf(known)).toMatchObject({ reserved: 0, available: 5 });
    const reservation = await http('GET', `/inventory/reservations/${orderId}`);
    expect(reservation.body).toMatchObject({
      status: 'FAILED',
      reservationId: null,
      failure: { code: 'UNKNOWN_SKU', sku: unknown },
      items: [],
    });
  });

  test('OUT_OF_STOCK on the 2nd line leaves the 1st untouched; a retry gets the same failure even after a restock', async () => {
    const base = freshSku('SHORT');
    const [a, b] = [`${base}-A`, `${base}-B`];
    await Promise.all([putStock(a, 5), putStock(b, 1)]);
    const orderId = randomUUID();
    const items = [
      { sku: b, quantity: 2 },
      { sku: a, quantity: 3 },
    ];
    await send([reserveCommand(orderId, items)]);

    const reply = await firstReply(orderId);
    expect(reply.type).toBe('InventoryReservationFailed');
    expect(reply.envelope.payload).toEqual({
      orderId,
      code: 'OUT_OF_STOCK',
      sku: b,
      detail: `${b}: requested 2, available 1`,
    });
    expect(await stockOf(a)).toMatchObject({ reserved: 0, available: 5 });
    expect(await stockOf(b)).toMatchObject({ reserved: 0, available: 1 });

    await putStock(b, 10);
    await send([reserveCommand(orderId, items, 2)]);
    const [, retried] = await replies(orderId, 2);
    expect(retried!.type).toBe('InventoryReservationFailed');
    expect(retried!.envelope.payload).toEqual(reply.envelope.payload);
    expect(await stockOf(b)).toMatchObject({ reserved: 0, available: 10 });
  });

  test('the same record delivered twice is applied once and answered once', async () => {
    const sku = freshSku('DUP');
    await putStock(sku, 10);
    const orderId = randomUUID();
    const command = reserveCommand(orderId, [{ sku, quantity: 2 }]);
    const { partition } = await send([command, command]);
    await drained(partition);

    expect(repliesFor(orderId).map((r) => r.type)).toEqual(['InventoryReserved']);
    expect(await stockOf(sku)).toMatchObject({ reserved: 2, available: 8 });
    expect(await queryDb('SELECT 1 FROM inbox WHERE message_id = $1', [command.eventId])).toHaveLength(1);
  });

  test('a retried ReserveInventory (new message id) reserves nothing more and re-sends the same outcome', async () => {
    const sku = freshSku('RETRY');
    await putStock(sku, 10);
    const orderId = randomUUID();
    await send([reserveCommand(orderId, [{ sku, quantity: 4 }], 1)]);
    const first = await firstReply(orderId);
    await send([reserveCommand(orderId, [{ sku, quantity: 4 }], 2)]);
    const [, second] = await replies(orderId, 2);

    expect(second!.type).toBe('InventoryReserved');
    expect(second!.envelope.payload).toEqual(first.envelope.payload);
    expect(second!.envelope.eventId).not.toBe(first.envelope.eventId);
    expect(await stockOf(sku)).toMatchObject({ reserved: 4, available: 6 });
  });

  test('ReleaseInventory puts every line back once; a second release changes nothing and still replies', async () => {
    const base = freshSku('REL');
    const [a, b] = [`${base}-A`, `${base}-B`];
    await Promise.all([putStock(a, 10), putStock(b, 10)]);
    const orderId = randomUUID();
    await send([
      reserveCommand(orderId, [
        { sku: b, quantity: 2 },
        { sku: a, quantity: 3 },
      ]),
    ]);
    const reserved = await firstReply(orderId);
    const { reservationId } = reserved.envelope.payload;
    expect(await stockOf(a)).toMatchObject({ reserved: 3 });

    await send([releaseCommand(orderId)]);
    const [, released] = await replies(orderId, 2);
    expect(released!.type).toBe('InventoryReleased');
    expect(released!.envelope.payload).toEqual({
      orderId,
      reservationId,
      items: [
        { sku: a, quantity: 3 },
        { sku: b, quantity: 2 },
      ],
    });
    expect(await stockOf(a)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect(await stockOf(b)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });

    await send([releaseCommand(orderId, 2)]);
    const [, , again] = await replies(orderId, 3);
    expect(again!.type).toBe('InventoryReleased');
    expect(again!.envelope.payload).toEqual({ orderId, reservationId, items: [] });
    expect(await stockOf(a)).toMatchObject({ reserved: 0, available: 10 });
    expect((await http('GET', `/inventory/reservations/${orderId}`)).body).toMatchObject({
      status: 'RELEASED',
      reservationId,
      items: released!.envelope.payload.items,
    });

    // A reserve retried after the release re-sends its recorded outcome and holds nothing again.
    await send([reserveCommand(orderId, [{ sku: a, quantity: 3 }], 2)]);
    const [, , , late] = await replies(orderId, 4);
    expect(late!.envelope.payload).toEqual(reserved.envelope.payload);
    expect(await stockOf(a)).toMatchObject({ reserved: 0, available: 10 });
  });

  test('a release that arrives before its reserve leaves a tombstone; the reserve is refused with ALREADY_COMPENSATED', async () => {
    const sku = freshSku('TOMB');
    await putStock(sku, 5);
    const orderId = randomUUID();
    await send([releaseCommand(orderId)]);
    const released = await firstReply(orderId);
    expect(released.type).toBe('InventoryReleased');
    expect(released.envelope.payload).toEqual({ orderId, reservationId: null, items: [] });

    await send([reserveCommand(orderId, [{ sku, quantity: 1 }])]);
    const [, refused] = await replies(orderId, 2);
    expect(refused!.type).toBe('InventoryReservationFailed');
    expect(refused!.envelope.payload).toMatchObject({ orderId, code: 'ALREADY_COMPENSATED', sku: null });
    expect(await stockOf(sku)).toMatchObject({ reserved: 0, available: 5 });
  });

  test('race: 40 one-unit orders at once for 10 units → exactly 10 reserved, 30 OUT_OF_STOCK, never oversold', async () => {
    const sku = freshSku('RACE');
    await putStock(sku, 10);
    const orderIds = Array.from({ length: 40 }, () => randomUUID());
    await send(orderIds.map((orderId) => reserveCommand(orderId, [{ sku, quantity: 1 }])));

    let lowestAvailable = Infinity;
    const answered = await waitFor(
      'a reply for each of the 40 orders',
      async () => {
        const stock = await stockOf(sku);
        lowestAvailable = Math.min(lowestAvailable, stock.available);
        const all = orderIds.map((orderId) => repliesFor(orderId)[0]);
        return all.every(Boolean) ? (all as Reply[]) : undefined;
      },
      30_000,
    );

    const reservedReplies = answered.filter((r) => r.type === 'InventoryReserved');
    const failed = answered.filter((r) => r.type === 'InventoryReservationFailed');
    expect(reservedReplies).toHaveLength(10);
    expect(failed).toHaveLength(30);
    expect(failed.every((r) => r.envelope.payload.code === 'OUT_OF_STOCK')).toBe(true);
    expect(await stockOf(sku)).toEqual(expect.objectContaining({ onHand: 10, reserved: 10, available: 0 }));
    expect(lowestAvailable).toBeGreaterThanOrEqual(0);
    const [lines] = await queryDb<{ n: number; units: number }>(
      'SELECT count(*)::int AS n, coalesce(sum(quantity), 0)::int AS units FROM reservation_lines WHERE sku = $1',
      [sku],
    );
    expect(lines).toEqual({ n: 10, units: 10 });
  });

  test('admin faults: declineProbability 1 → INJECTED_FAILURE (compensations still run); DELETE resets', async () => {
    const sku = freshSku('DECLINE');
    await putStock(sku, 5);
    const put = await http('PUT', '/admin/faults', { declineProbability: 1 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ declineProbability: 1 });
    try {
      const declined = randomUUID();
      await send([reserveCommand(declined, [{ sku, quantity: 1 }])]);
      const reply = await firstReply(declined);
      expect(reply.type).toBe('InventoryReservationFailed');
      expect(reply.envelope.payload).toMatchObject({ code: 'INJECTED_FAILURE', sku: null });
      expect(await stockOf(sku)).toMatchObject({ reserved: 0 });

      await send([releaseCommand(declined)]);
      const [, released] = await replies(declined, 2);
      expect(released!.type).toBe('InventoryReleased');
    } finally {
      const reset = await http('DELETE', '/admin/faults');
      expect(reset.body).toMatchObject({ declineProbability: 0 });
    }
    const accepted = randomUUID();
    await send([reserveCommand(accepted, [{ sku, quantity: 1 }])]);
    expect((await firstReply(accepted)).type).toBe('InventoryReserved');
  });

  test('injected transient errors: retried, then dead-lettered with dlq.error; after reset the partition moves on', async () => {
    const sku = freshSku('DLQ');
    await putStock(sku, 5);
    await http('PUT', '/admin/faults', { errorProbability: 1 });
    const doomed = randomUUID();
    const partition = 1;
    try {
      await send([reserveCommand(doomed, [{ sku, quantity: 1 }])], partition);
      const dead = await deadLetters.find((m) => m.key?.toString() === doomed, 'the command in the DLQ');
      expect(header(dead, DlqHeaders.error)).toMatch(/InjectedTransientError/);
      expect(header(dead, DlqHeaders.attempts)).toBe('3');
      expect(header(dead, DlqHeaders.originalTopic)).toBe(Topics.inventoryCommands);
    } finally {
      await http('DELETE', '/admin/faults');
    }

    const next = randomUUID();
    await send([reserveCommand(next, [{ sku, quantity: 2 }])], partition);
    expect((await firstReply(next)).type).toBe('InventoryReserved');
    expect(repliesFor(doomed)).toEqual([]);
    expect((await http('GET', `/inventory/reservations/${doomed}`)).status).toBe(404);
    expect(await stockOf(sku)).toMatchObject({ reserved: 2 });
  });

  test('FAULT_CRASH_AFTER_MESSAGES=1: SIGKILL on the 2nd command; after a restart both are answered exactly once', async () => {
    const sku = freshSku('CRASH');
    await putStock(sku, 10);
    await service.stop();
    service = await startInventoryService({ FAULT_CRASH_AFTER_MESSAGES: '1' });
    const orderIds = [randomUUID(), randomUUID()];
    const { partition } = await send(
      orderIds.map((orderId) => reserveCommand(orderId, [{ sku, quantity: 1 }])),
      0,
    );
    const crashed = service;
    const signal = await waitFor(
      'the service to kill itself',
      async () => crashed.process.signalCode ?? undefined,
    );
    expect(signal).toBe('SIGKILL');

    service = await startInventoryService();
    // The killed member stays in the consumer group until its session times out, which delays the restart's
    // partition assignment by up to the 30 s session timeout.
    for (const orderId of orderIds)
      expect((await firstReply(orderId, 60_000)).type).toBe('InventoryReserved');
    await drained(partition);
    for (const orderId of orderIds) expect(repliesFor(orderId)).toHaveLength(1);
    expect(await stockOf(sku)).toMatchObject({ reserved: 2, available: 8 });
  });
});
