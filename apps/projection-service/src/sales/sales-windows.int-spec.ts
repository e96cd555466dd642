import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Message, Producer } from 'kafkajs';
import { AggregateTypes, type EventEnvelope, OrderApproved, OrderPlaced, Topics } from '@edr/contracts';
import { buildMessage } from '@edr/outbox';
import { type RunningService, type SseEvent, drained, kafka, queryDb, readSse, startApp } from '@edr/testing';

// Runs against the real infrastructure and the built service: `npm run build` first.
jest.setTimeout(120_000);

/**
 * Hand-made sales on one partition of order.events, for SKUs of this run only, with crafted event times, so the
 * windows can be computed by hand (docs/patterns/stream-processing.md). Allowed lateness 30 s: a window [m, m+1min)
 * takes late sales until its SKU's event time on the partition reaches m+1min+30s.
 */
const LATENESS_MS = 30_000;
const PARTITION = 0;
const run = randomUUID().slice(0, 8);
const A = `SALES-IT-${run}-A`;
const B = `SALES-IT-${run}-B`;
const PRICE = { [A]: 5, [B]: 2.5 } as Record<string, number>;
const at = (time: string) => new Date(`2026-03-01T${time}Z`);
const minute = (time: string) => at(time).toISOString();

const record = (envelope: EventEnvelope): Message => ({
  key: envelope.aggregateId,
  value: JSON.stringify(envelope),
  headers: { id: envelope.eventId, eventType: envelope.type },
  partition: PARTITION,
});

interface Sale {
  readonly orderId: string;
  readonly placed: Message;
  readonly approved: Message;
}

/** An order of `lines` (SKU → quantity) placed a second before it is approved at `time` (its event time). */
function sale(time: string, lines: Record<string, number>): Sale {
  const orderId = randomUUID();
  const correlationId = `it-sales-${run}`;
  const items = Object.entries(lines).map(([sku, quantity]) => ({ sku, quantity, unitPrice: PRICE[sku]! }));
  const approvedAt = at(time);
  const placedAt = new Date(approvedAt.getTime() - 1_000);
  const common = {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    correlationId,
    causationId: null,
  };
  const placed = buildMessage(OrderPlaced, {
    ...common,
    occurredAt: placedAt,
    payload: {
      orderId,
      customerId: `sales-it-${run}`,
      items,
      shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      total: items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0),
      placedAt: placedAt.toISOString(),
    },
  });
  const approved = buildMessage(OrderApproved, { ...common, occurredAt: approvedAt, payload: { orderId } });
  return { orderId, placed: record(placed), approved: record(approved) };
}

interface Expected {
  readonly units: number;
  readonly revenue: number;
  readonly orders: number;
  readonly lateUpdates: number;
  readonly tooLate?: { count: number; units: number; revenue: number };
  readonly final: boolean;
}

const expectedWindow = (sku: string, start: string, e: Expected) => ({
  sku,
  windowStart: minute(start),
  windowEnd: new Date(at(start).getTime() + 60_000).toISOString(),
  units: e.units,
  revenue: e.revenue,
  orders: e.orders,
  lateUpdates: e.lateUpdates,
  tooLate: e.tooLate ?? { count: 0, units: 0, revenue: 0 },
  firstEventAt: expect.any(String),
  lastEventAt: expect.any(String),
  final: e.final,
});

const watermark = (sku: string, max: string) => ({
  sku,
  topic: Topics.orderEvents,
  partition: PARTITION,
  maxEventTime: minute(max),
  watermark: new Date(at(max).getTime() - LATENESS_MS).toISOString(),
});

/** Reads GET /views/stream (SSE) of the sales view from `after` until `enough` holds for the change events seen. */
async function readFeed(
  service: RunningService,
  after: number,
  enough: (changes: Array<Record<string, any>>) => boolean,
  timeoutMs = 15_000,
) {
  const changes = (events: readonly SseEvent[]) =>
    events.filter((e) => e.event === 'change').map((e) => e.data);
  const events = await readSse(
    `${service.url}/views/stream?after=${after}&views=sales`,
    (seen) => enough(changes(seen)),
    {},
    timeoutMs,
  );
  return changes(events);
}

describe('sales per SKU in one-minute event-time windows (real Postgres, Kafka)', () => {
  let projection: RunningService;
  let producer: Producer;
  let feedStart: number;

  const start = () => startApp('projection', { PROJECTION_SALES_ALLOWED_LATENESS_MS: String(LATENESS_MS) });
  const send = async (...messages: Message[]) => {
    await producer.send({ topic: Topics.orderEvents, messages });
  };
  /** Both records of each sale, in the given order, as the order service writes them. */
  const deliver = (...sales: Sale[]) => send(...sales.flatMap((s) => [s.placed, s.approved]));
  const applied = () => drained('projection-service', [Topics.orderEvents], 60_000);
  const sales = async (query: string) => {
    const response = await fetch(`${projection.url}/views/sales?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, any>;
  };
  /** The feed's entries for this run's SKUs, per window key: [kind, order id] in feed order. */
  const feedByKey = async () => {
    const rows = await queryDb<{ key: string; kind: string; order_id: string }>(
      'projection',
      `SELECT key, kind, data->>'orderId' AS order_id FROM view_changes
       WHERE view = 'sales' AND (key LIKE $1 OR key LIKE $2) ORDER BY seq`,
      [`${A}@%`, `${B}@%`],
    );
    const byKey: Record<string, [string, string][]> = {};
    for (const row of rows) (byKey[row.key] ??= []).push([row.kind, row.order_id]);
    return byKey;
  };

  // The sales, by the phase they are delivered in. Event times are on 2026-03-01; A costs 5.00, B 2.50.
  const s1 = sale('10:00:10', { [A]: 2 }); // W10:00 on time; A's event time 10:00:10
  const s2 = sale('10:01:20', { [A]: 1 }); // W10:01 on time; 10:01:20, watermark 10:00:50
  const s3 = sale('10:01:05', { [A]: 3 }); // W10:01 out of order, window still open: on time
  const s4 = sale('10:00:40', { [A]: 1 }); // W10:00 ended (10:01 ≤ 10:01:20), after the watermark: late
  const s5 = sale('10:02:10', { [A]: 1 }); // W10:02 on time; 10:02:10, watermark 10:01:40
  const s6 = sale('10:00:30', { [A]: 4 }); // W10:00 ends 10:01 ≤ watermark 10:01:40: too late
  const s7 = sale('10:01:50', { [A]: 1, [B]: 2 }); // A: W10:01 late; B's first sale: on time (its own watermark)
  // While the service is stopped:
  const s8 = sale('10:03:00', { [A]: 2 }); // W10:03 on time; 10:03:00, watermark 10:02:30
  const s9 = sale('10:01:59', { [A]: 1 }); // W10:01 ends 10:02 ≤ 10:02:30: too late
  const s10 = sale('10:02:45', { [A]: 1 }); // approval before its OrderPlaced (a redrive): W10:02 late
  // Around a SIGKILL:
  const s11 = sale('10:03:40', { [A]: 1 }); // W10:03 on time; 10:03:40, watermark 10:03:10
  const s12 = sale('10:02:50', { [A]: 2 }); // W10:02 ends 10:03 ≤ 10:03:10: too late
  const s13 = sale('10:00:05', { [B]: 1 }); // B: W10:00 ends 10:01 ≤ B's watermark 10:01:20: too late

  beforeAll(async () => {
    producer = kafka.producer();
    await producer.connect();
    projection = await start();
    const [row] = await queryDb<{ seq: string | null }>(
      'projection',
      'SELECT max(seq) AS seq FROM view_changes',
    );
    feedStart = Number(row?.seq ?? 0);
  });

  afterAll(async () => {
    await Promise.allSettled([producer?.disconnect(), projection?.stop()]);
  });

  test('in-order, out-of-order, late and too-late sales land as computed by hand, and the feed says which', async () => {
    await deliver(s1, s2, s3, s4, s5, s6, s7);
    await applied();

    expect(await sales(`sku=${A}`)).toEqual({
      allowedLatenessMs: LATENESS_MS,
      windows: [
        expectedWindow(A, '10:02:00', { units: 1, revenue: 5, orders: 1, lateUpdates: 0, final: false }),
        expectedWindow(A, '10:01:00', { units: 5, revenue: 25, orders: 3, lateUpdates: 1, final: false }),
        expectedWindow(A, '10:00:00', {
          units: 3,
          revenue: 15,
          orders: 2,
          lateUpdates: 1,
          tooLate: { count: 1, units: 4, revenue: 20 },
          final: true,
        }),
      ],
      watermarks: [watermark(A, '10:02:10')],
      truncated: false,
    });
    expect((await sales(`sku=${B}`)).windows).toEqual([
      expectedWindow(B, '10:01:00', { units: 2, revenue: 5, orders: 1, lateUpdates: 0, final: false }),
    ]);

    const lines = await queryDb<{ outcome: string; watermark: Date | null; event_time: Date }>(
      'projection',
      `SELECT outcome, watermark, event_time FROM sales_order_lines WHERE order_id = $1`,
      [s6.orderId],
    );
    expect(lines).toEqual([{ outcome: 'too-late', watermark: at('10:01:40'), event_time: at('10:00:30') }]);

    const changes = await readFeed(projection, feedStart, (seen) =>
      [s1, s2, s3, s4, s5, s6].every((s) => seen.some((c) => c.data.orderId === s.orderId)),
    );
    const kindOf = (s: Sale) => changes.find((c) => c.data.orderId === s.orderId && c.data.sku === A);
    expect(kindOf(s1)).toMatchObject({ view: 'sales', key: `${A}@${minute('10:00:00')}`, kind: 'updated' });
    expect(kindOf(s3)).toMatchObject({ key: `${A}@${minute('10:01:00')}`, kind: 'updated' });
    expect(kindOf(s4)).toMatchObject({
      key: `${A}@${minute('10:00:00')}`,
      kind: 'late-update',
      eventTime: minute('10:00:40'),
      data: { window: { units: 3, lateUpdates: 1 } },
    });
    expect(kindOf(s6)).toMatchObject({
      key: `${A}@${minute('10:00:00')}`,
      kind: 'too-late',
      data: {
        units: 4,
        watermark: minute('10:01:40'),
        window: { units: 3, tooLate: { count: 1, units: 4 } },
      },
    });
  });

  test('the query is validated and bounded by window start (from inclusive, to exclusive)', async () => {
    const bounded = await sales(`sku=${A}&from=${minute('10:01:00')}&to=${minute('10:02:00')}`);
    expect(bounded.windows.map((w: { windowStart: string }) => w.windowStart)).toEqual([minute('10:01:00')]);
    expect((await sales(`sku=${A}&limit=2`)).truncated).toBe(true);

    const bad = await fetch(`${projection.url}/views/sales?sku=${A}&from=yesterday&limits=3`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'from', message: expect.stringContaining('from is "yesterday": must be an ISO-8601 time') },
        { field: 'query', message: 'unknown parameter "limits": use sku, from, to, limit' },
      ]),
    );
  });

  test('across a stop, a SIGKILL and duplicates, nothing is lost and nothing counted twice', async () => {
    // Stopped: sales wait in the log. s10's approval comes before its OrderPlaced, as a redriven record would.
    await projection.stop();
    await deliver(s8, s9);
    await send(s10.approved, s10.placed);
    projection = await start();
    await applied();
    expect((await sales(`sku=${A}`)).windows[0]).toEqual(
      expectedWindow(A, '10:03:00', { units: 2, revenue: 10, orders: 1, lateUpdates: 0, final: false }),
    );

    // Killed while it may be applying these: whatever had not committed is redelivered, what had is not redone.
    await deliver(s11, s12, s13);
    await projection.kill();
    // A record delivered twice (same id: the inbox drops it), and a second approval of an order under a new id
    // with a far later event time (the sale is counted once and the watermark does not move).
    const reapproved = buildMessage(OrderApproved, {
      aggregateType: AggregateTypes.order,
      aggregateId: s2.orderId,
      correlationId: `it-sales-${run}`,
      causationId: null,
      occurredAt: at('10:09:00'),
      payload: { orderId: s2.orderId },
    });
    await send(s5.approved, s1.placed, record(reapproved));
    projection = await start();
    await applied();

    expect(await sales(`sku=${A}`)).toEqual({
      allowedLatenessMs: LATENESS_MS,
      windows: [
        expectedWindow(A, '10:03:00', { units: 3, revenue: 15, orders: 2, lateUpdates: 0, final: false }),
        expectedWindow(A, '10:02:00', {
          units: 2,
          revenue: 10,
          orders: 2,
          lateUpdates: 1,
          tooLate: { count: 1, units: 2, revenue: 10 },
          final: true,
        }),
        expectedWindow(A, '10:01:00', {
          units: 5,
          revenue: 25,
          orders: 3,
          lateUpdates: 1,
          tooLate: { count: 1, units: 1, revenue: 5 },
          final: true,
        }),
        expectedWindow(A, '10:00:00', {
          units: 3,
          revenue: 15,
          orders: 2,
          lateUpdates: 1,
          tooLate: { count: 1, units: 4, revenue: 20 },
          final: true,
        }),
      ],
      watermarks: [watermark(A, '10:03:40')],
      truncated: false,
    });
    expect(await sales(`sku=${B}`)).toMatchObject({
      windows: [
        expectedWindow(B, '10:01:00', { units: 2, revenue: 5, orders: 1, lateUpdates: 0, final: false }),
        expectedWindow(B, '10:00:00', {
          units: 0,
          revenue: 0,
          orders: 0,
          lateUpdates: 0,
          tooLate: { count: 1, units: 1, revenue: 2.5 },
          final: true,
        }),
      ],
      watermarks: [watermark(B, '10:01:50')],
    });

    // Exactly one feed entry per counted order line, in the order the partition delivered them.
    const id = (s: Sale) => s.orderId;
    expect(await feedByKey()).toEqual({
      [`${A}@${minute('10:00:00')}`]: [
        ['updated', id(s1)],
        ['late-update', id(s4)],
        ['too-late', id(s6)],
      ],
      [`${A}@${minute('10:01:00')}`]: [
        ['updated', id(s2)],
        ['updated', id(s3)],
        ['late-update', id(s7)],
        ['too-late', id(s9)],
      ],
      [`${A}@${minute('10:02:00')}`]: [
        ['updated', id(s5)],
        ['late-update', id(s10)],
        ['too-late', id(s12)],
      ],
      [`${A}@${minute('10:03:00')}`]: [
        ['updated', id(s8)],
        ['updated', id(s11)],
      ],
      [`${B}@${minute('10:00:00')}`]: [['too-late', id(s13)]],
      [`${B}@${minute('10:01:00')}`]: [['updated', id(s7)]],
    });
  });
});
