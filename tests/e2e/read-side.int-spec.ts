/**
 * The read side as a whole (docs/patterns/consume-and-project.md): after a mixed workload (approved and rejected
 * orders, a refused registration, duplicated records, a poison record), every view rebuilt from the log equals the
 * live one row for row; a rebuild swaps under concurrent reads without an error or an empty answer; the enrichment
 * reaches customer-service.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KafkaMessage, Producer } from 'kafkajs';
import { Topics } from '@edr/contracts';
import {
  type RunningService,
  activeCustomer,
  getJson,
  kafka,
  recordTap,
  startApp,
  startWorker,
  type SseEvent,
  readSse,
  waitFor,
} from '@edr/testing';
import {
  registerCustomer,
  registrationEnded,
  sampleOrder,
  sampleRegistration,
  seededCustomers,
} from './harness.js';
import { runViewJob, viewsCaughtUp } from './read-side-harness.js';
import { type SagaStack, place, startSagaStack, waitForOutcomes } from './saga-harness.js';

jest.setTimeout(300_000);

type Tap = Awaited<ReturnType<typeof recordTap>>;

describe('the read side: views rebuilt from the log equal the live ones', () => {
  let stack: SagaStack;
  let projection: RunningService;
  let labels: RunningService;
  let producer: Producer;
  let orderEvents: Tap;
  let paymentEvents: Tap;
  const orderIds: string[] = [];
  let newCustomerId = '';

  beforeAll(async () => {
    stack = await startSagaStack();
    [projection, labels] = await Promise.all([startApp('projection'), startWorker('label', 1)]);
    [orderEvents, paymentEvents] = await Promise.all([
      recordTap(Topics.orderEvents),
      recordTap(Topics.paymentEvents),
    ]);
    producer = kafka.producer();
    await producer.connect();

    // A refused registration (the e-mail is taken) and an ACTIVE one with an order of its own.
    const email = `ada.${randomUUID().slice(0, 8)}@example.com`;
    newCustomerId = await registerCustomer(stack.customer, sampleRegistration({ email, creditLimit: 5_000 }));
    const refusedId = await registerCustomer(stack.customer, sampleRegistration({ email }));
    expect((await registrationEnded(stack.customer, newCustomerId)).status).toBe('ACTIVE');
    expect((await registrationEnded(stack.customer, refusedId)).status).toBe('FAILED');

    const bodies = [
      ...Array.from({ length: 5 }, () => sampleOrder()),
      sampleOrder({ customerId: newCustomerId }),
      // Over the credit limit of 100 of a customer of this run's own: REJECTED at PAYMENT.
      sampleOrder({
        customerId: await activeCustomer(stack.customer.url, 100),
        items: [{ sku: 'BOOK-001', quantity: 20, unitPrice: 12.5 }],
      }),
      // An unknown SKU: REJECTED at INVENTORY after the payment is refunded.
      sampleOrder({ items: [{ sku: 'NO-SUCH-SKU', quantity: 1, unitPrice: 5 }] }),
    ];
    for (const body of bodies) orderIds.push(await place(stack.order, body));
    const outcomes = await waitForOutcomes(stack.order, orderIds);
    expect(outcomes.map((o) => o.status).sort()).toEqual([
      ...Array(6).fill('APPROVED'),
      'REJECTED',
      'REJECTED',
    ]);

    // Every order event and a payment event delivered a second time, and a record no one can read.
    // Null headers (a null causation id) arrive as null values, which kafkajs will not send: left out.
    const copy = (m: KafkaMessage) => ({
      key: m.key,
      value: m.value,
      headers: Object.fromEntries(
        Object.entries(m.headers ?? {}).filter(([, v]) => v !== null && v !== undefined),
      ),
    });
    const ours = (m: KafkaMessage) => orderIds.includes(m.key?.toString() ?? '');
    await waitFor('the order events of the workload', async () =>
      orderEvents.records.filter(ours).length >= 8 * 3 ? true : undefined,
    );
    await producer.send({ topic: Topics.orderEvents, messages: orderEvents.records.filter(ours).map(copy) });
    const payment = await paymentEvents.find(ours, 'a payment event of the workload');
    await producer.send({ topic: Topics.paymentEvents, messages: [copy(payment)] });
    await producer.send({
      topic: Topics.orderEvents,
      messages: [
        { key: orderIds[0]!, value: 'not json {', headers: { id: randomUUID(), eventType: 'OrderPlaced' } },
      ],
    });
    await viewsCaughtUp(projection);
  });

  afterAll(async () => {
    await Promise.allSettled([orderEvents?.stop(), paymentEvents?.stop(), producer?.disconnect()]);
    await Promise.allSettled([stack?.stop(), projection?.stop(), labels?.stop()]);
  });

  test('the order view shows each order with its customer, parts and timeline', async () => {
    const { status, body } = await getJson(`${projection.url}/views/orders/${orderIds[5]}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      orderId: orderIds[5],
      customerId: newCustomerId,
      customer: { name: 'Grace Hopper' },
      status: 'APPROVED',
      payment: { state: 'AUTHORIZED' },
      reservation: { state: 'RESERVED' },
      shipment: { state: 'SCHEDULED' },
    });
    // The label comes from label-worker (shipping-label.events), after the approval.
    const labelled = await waitFor('the label in the order view', async () => {
      const view = await getJson(`${projection.url}/views/orders/${orderIds[5]}`);
      return view.body.label?.state === 'RENDERED' ? view.body : undefined;
    });
    expect(labelled.label).toMatchObject({
      trackingNumber: body.shipment.trackingNumber,
      workerId: 'label-worker-1',
    });
    const types = (labelled.timeline as { type: string }[]).map((t) => t.type);
    expect(types).toEqual(
      expect.arrayContaining(['OrderPlaced', 'PaymentAuthorized', 'OrderApproved', 'ShippingLabelRendered']),
    );
    const rejected = await getJson(`${projection.url}/views/orders/${orderIds[7]}`);
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      rejectionReason: { step: 'INVENTORY', code: 'UNKNOWN_SKU' },
      payment: { state: 'REFUNDED' },
      reservation: { state: 'FAILED' },
    });
  });

  test('the order list filters and pages by keyset; bad parameters are 400s naming the field', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `customerId=${seededCustomers.standard}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await getJson(`${projection.url}/views/orders?${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const item of page.body.items as { orderId: string; customerId: string }[]) {
        expect(item.customerId).toBe(seededCustomers.standard);
        seen.push(item.orderId);
      }
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of [orderIds[0], orderIds[4], orderIds[7]]) expect(seen).toContain(id);

    const rejected = await getJson(`${projection.url}/views/orders?status=REJECTED&limit=200`);
    expect((rejected.body.items as { orderId: string }[]).map((o) => o.orderId)).toEqual(
      expect.arrayContaining([orderIds[6], orderIds[7]]),
    );
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['status=LOST', 'status'],
      ['cursor=abc', 'cursor'],
      ['from=yesterday', 'from'],
      ['colour=red', 'colour'],
    ] as const) {
      const bad = await getJson(`${projection.url}/views/orders?${query}`);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain(field);
    }
  });

  test('the customer view and the enriched profile in customer-service show the purchase', async () => {
    const view = await getJson(`${projection.url}/views/customers/${newCustomerId}`);
    expect(view.body).toMatchObject({
      customerId: newCustomerId,
      status: 'ACTIVE',
      orders: { placed: 1, approved: 1 },
      lifetimeValue: 33.99,
      recentPurchases: [{ orderId: orderIds[5] }],
    });
    const profile = await waitFor('the enriched purchase in customer-service', async () => {
      const { body } = await getJson(`${stack.customer.url}/customers/${newCustomerId}`);
      return body.profile?.orderCount === 1 ? body.profile : undefined;
    });
    expect(profile).toMatchObject({ lifetimeValue: 33.99, recentPurchases: [{ orderId: orderIds[5] }] });
  });

  test.each(['orders', 'customers', 'sales'] as const)(
    'the %s view rebuilt from the log equals the live one, row for row',
    async (view) => {
      const report = await runViewJob(projection, view, 'verify');
      expect(report.differences).toEqual(
        (report.differences as { table: string }[]).map((d) =>
          expect.objectContaining({ table: d.table, onlyLive: 0, onlyRebuilt: 0 }),
        ),
      );
      expect(report.equal).toBe(true);
      expect(report.replayed).toBeGreaterThan(0);
    },
  );

  test('a rebuild swaps the view in under concurrent reads: no error, no empty answer, the same content', async () => {
    const before = await getJson(`${projection.url}/views/orders/${orderIds[5]}`);
    const list = `${projection.url}/views/orders?customerId=${seededCustomers.standard}&limit=50`;
    const listBefore = await getJson(list);
    const failures: string[] = [];
    let reads = 0;
    let reading = true;
    const reader = async () => {
      while (reading) {
        const [one, many] = await Promise.all([
          getJson(`${projection.url}/views/orders/${orderIds[5]}`),
          getJson(list),
        ]);
        reads += 1;
        if (one.status !== 200) failures.push(`GET one → ${one.status} ${JSON.stringify(one.body)}`);
        if (many.status !== 200 || many.body.items.length === 0)
          failures.push(`GET list → ${many.status}, ${many.body.items?.length} items`);
      }
    };
    const readers = [reader(), reader(), reader()];
    const report = await runViewJob(projection, 'orders', 'rebuild');
    reading = false;
    await Promise.all(readers);
    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(10);
    expect(report.rows['order_view']).toBeGreaterThanOrEqual(orderIds.length);
    expect((await getJson(`${projection.url}/views/orders/${orderIds[5]}`)).body).toEqual(before.body);
    expect((await getJson(list)).body).toEqual(listBefore.body);
    // The swapped-in tables take live events as before, and still equal a fresh rebuild.
    const later = await place(stack.order, sampleOrder());
    await waitFor('the order placed after the swap in the view', async () => {
      const { body } = await getJson(`${projection.url}/views/orders/${later}`);
      return body.status === 'APPROVED' ? true : undefined;
    });
    await viewsCaughtUp(projection);
    expect((await runViewJob(projection, 'orders', 'verify')).equal).toBe(true);
  });

  test('the feed streams view changes with ids, resumes after Last-Event-ID without a gap, and reports lag', async () => {
    const url = `${projection.url}/views/stream?after=0&views=orders`;
    const changes = (events: readonly SseEvent[]) => events.filter((e) => e.event === 'change');
    const first = await readSse(
      url,
      (events) => changes(events).length >= 20 && events.some((e) => e.event === 'lag'),
    );
    const seen = changes(first);
    expect(seen.every((e) => e.data.view === 'orders' && Number(e.id) === e.data.id)).toBe(true);
    const ids = seen.map((e) => Number(e.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const lag = first.find((e) => e.event === 'lag')!;
    expect(lag.data.views.orders).toEqual({ records: expect.any(Number), seconds: expect.any(Number) });
    expect(seen[0]!.data).toMatchObject({
      key: expect.any(String),
      kind: 'updated',
      eventTime: expect.any(String),
    });

    // A client that saw up to the 10th change reconnects: the next one it gets is the 11th.
    const resumed = await readSse(
      `${projection.url}/views/stream?views=orders`,
      (events) => changes(events).length >= 5,
      { 'last-event-id': seen[9]!.id! },
    );
    expect(
      changes(resumed)
        .slice(0, 5)
        .map((e) => e.id),
    ).toEqual(seen.slice(10, 15).map((e) => e.id));
    const bad = await fetch(`${projection.url}/views/stream?views=orders,lost`);
    expect(bad.status).toBe(400);
  });
});
