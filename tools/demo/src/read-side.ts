/**
 * The demo's read side: (1) the order view verified against a rebuild from the log, rebuilt and swapped in, and
 * verified again; (2) a sales window filling up, with a late sale that still updates it and a too-late one that is
 * counted apart; (3) a customer flagged by a CEP rule after three declined payments, held by payment-service, and
 * cleared by an operator. Each returns whether it ended as it should.
 */
import type { Kafka } from 'kafkajs';
import { Topics } from '@edr/contracts';
import { type RunningService, activeCustomer, kafkaMessageOf, saleEnvelopes, waitFor } from '@edr/testing';

export interface Say {
  readonly step: (label: string, detail?: string) => void;
  readonly ok: (label: string, detail?: string) => void;
}
const bad = (line: string) => console.log(`  \u001b[31m✗\u001b[0m ${line}`);

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json().catch(() => null) };
}

interface JobReport {
  replayed: number;
  eventsPerSecond: number;
  equal?: boolean;
  rows: Record<string, number>;
  millis: { replay: number; locked: number };
}

async function viewJob(projection: RunningService, view: string, mode: 'rebuild' | 'verify') {
  const started = await json(`${projection.url}/admin/views/${view}/${mode}`, { method: 'POST' });
  if (started.status !== 202)
    throw new Error(`${mode} ${view} → ${started.status} ${JSON.stringify(started.body)}`);
  const job = await waitFor(
    `the ${mode} of ${view}`,
    async () => {
      const { body } = await json(`${projection.url}/admin/views/jobs/${started.body.id}`);
      return body?.finishedAt ? body : undefined;
    },
    120_000,
    100,
  );
  if (job.error) throw new Error(`${mode} of ${view} failed: ${job.error}`);
  return job.report as JobReport;
}

export async function showRebuild(projection: RunningService, say: Say): Promise<boolean> {
  say.step(
    'read side 1/3: the order view rebuilt from the log',
    '(npm run projections -- verify|rebuild orders)',
  );
  const before = await viewJob(projection, 'orders', 'verify');
  say.ok(
    `verify: ${before.replayed} records replayed into scratch tables (${before.eventsPerSecond}/s)`,
    before.equal ? '→ equal to the live view, row for row' : '→ DIFFERENT',
  );
  const rebuilt = await viewJob(projection, 'orders', 'rebuild');
  say.ok(
    `rebuild: ${rebuilt.replayed} records in ${rebuilt.millis.replay} ms, swapped in`,
    `(live consumer held ${rebuilt.millis.locked} ms; ${Object.entries(rebuilt.rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')})`,
  );
  const after = await viewJob(projection, 'orders', 'verify');
  say.ok(`verify after the swap`, after.equal ? '→ equal' : '→ DIFFERENT');
  return before.equal === true && after.equal === true;
}

interface SalesWindow {
  windowStart: string;
  units: number;
  orders: number;
  lateUpdates: number;
  tooLate: { count: number; units: number };
}

/**
 * Sales of a SKU of the demo's own, produced straight to order.events with chosen event times, as a producer whose
 * clock or network is behind would: the only way to show lateness on demand. All on one partition, so the
 * watermark is that partition's.
 */
export async function showSalesWindow(
  projection: RunningService,
  kafka: Kafka,
  allowedLatenessMs: number,
  say: Say,
): Promise<boolean> {
  say.step(
    'read side 2/3: sales per SKU in one-minute event-time windows',
    `(allowed lateness ${allowedLatenessMs / 1000} s)`,
  );
  const sku = `DEMO-${Date.now().toString(36).toUpperCase()}`;
  const windowStart = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
  const at = (seconds: number) => new Date(windowStart + seconds * 1000);
  const producer = kafka.producer();
  await producer.connect();
  const sell = async (seconds: number, quantity: number) => {
    const envelopes = saleEnvelopes({ sku, quantity, unitPrice: 10, approvedAt: at(seconds) });
    await producer.send({ topic: Topics.orderEvents, messages: envelopes.map((e) => kafkaMessageOf(e, 0)) });
  };
  const windows = async (expectTooLate = 0, expectLate = 0) =>
    waitFor(
      `the sales windows of ${sku}`,
      async () => {
        const { body } = await json(`${projection.url}/views/sales?sku=${sku}`);
        const first = (body?.windows as SalesWindow[] | undefined)?.find(
          (w) => Date.parse(w.windowStart) === windowStart,
        );
        return first && first.tooLate.count >= expectTooLate && first.lateUpdates >= expectLate
          ? (body.windows as SalesWindow[])
          : undefined;
      },
      30_000,
      50,
    );
  const show = (ws: SalesWindow[]) => {
    for (const w of ws) {
      say.ok(
        `${sku} ${w.windowStart.slice(11, 16)}: ${w.units} units in ${w.orders} orders`,
        `(late updates ${w.lateUpdates}, too late ${w.tooLate.count} with ${w.tooLate.units} units)`,
      );
    }
  };
  try {
    const lateness = allowedLatenessMs / 1000;
    await sell(10, 2);
    await sell(40, 1);
    await sell(60 + lateness / 2 + 5, 1); // the next window; the first has ended by event time
    show(await windows());
    say.ok(
      `a sale stamped ${at(50).toISOString().slice(11, 19)} arrives now: late, but within the allowed lateness`,
    );
    await sell(50, 3);
    show(await windows(0, 1));
    await sell(60 + lateness + 30, 1); // moves the watermark past the first window's end
    say.ok(
      `a sale stamped ${at(20).toISOString().slice(11, 19)} arrives after the watermark passed its window: too late, counted apart`,
    );
    await sell(20, 5);
    const last = await windows(1, 1);
    show(last);
    const first = last.find((w) => Date.parse(w.windowStart) === windowStart)!;
    const matched = first.units === 6 && first.lateUpdates === 1 && first.tooLate.count === 1;
    if (!matched) bad(`expected 6 units, 1 late update, 1 too late in the first window`);
    return matched;
  } finally {
    await producer.disconnect();
  }
}

export interface FlagApps {
  readonly order: RunningService;
  readonly payment: RunningService;
  readonly customer: RunningService;
  readonly projection: RunningService;
}

async function orderOutcome(order: RunningService, customerId: string, amount: number) {
  const posted = await json(`${order.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      customerId,
      items: [{ sku: 'BOOK-002', quantity: 1, unitPrice: amount }],
      shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
    }),
  });
  if (posted.status !== 202)
    throw new Error(`POST /orders → ${posted.status} ${JSON.stringify(posted.body)}`);
  return waitFor(
    `order ${posted.body.orderId} to finish`,
    async () => {
      const { body } = await json(`${order.url}/orders/${posted.body.orderId}`);
      return ['APPROVED', 'REJECTED'].includes(body?.saga?.phase) ? body : undefined;
    },
    60_000,
    20,
  );
}

export async function showFlagAndClear(apps: FlagApps, say: Say): Promise<boolean> {
  say.step('read side 3/3: a CEP rule flags a customer, payment holds them, an operator clears the flag');
  const customerId = await activeCustomer(apps.customer.url, 50);
  say.ok(`customer ${customerId} ACTIVE with a credit limit of 50`);
  for (let i = 1; i <= 3; i += 1) {
    const order = await orderOutcome(apps.order, customerId, 80);
    say.ok(`order ${i} for 80: ${order.status} (${order.rejectionReason?.code})`);
  }
  const held = await waitFor('payment-service to hold the customer', async () => {
    const { body } = await json(`${apps.payment.url}/customers/${customerId}/credit`);
    return body?.flag?.state === 'HELD' ? body.flag : undefined;
  });
  say.ok(`CustomerFlagged by rule ${held.rule}`, '→ payment-service holds the customer');
  const fourth = await orderOutcome(apps.order, customerId, 10);
  say.ok(`order 4 for 10 (within the limit): ${fourth.status} (${fourth.rejectionReason?.code})`);
  const cleared = await json(`${apps.projection.url}/customers/${customerId}/clear-flag`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clearedBy: 'demo operator', note: 'checked with the customer' }),
  });
  say.ok(
    `POST /customers/${customerId}/clear-flag → ${cleared.status}`,
    '(CustomerFlagCleared through the outbox)',
  );
  await waitFor('payment-service to lift the hold', async () => {
    const { body } = await json(`${apps.payment.url}/customers/${customerId}/credit`);
    return body?.flag?.state === 'CLEARED' ? true : undefined;
  });
  const fifth = await orderOutcome(apps.order, customerId, 10);
  say.ok(`order 5 for 10: ${fifth.status}`);
  const matched =
    fourth.status === 'REJECTED' &&
    fourth.rejectionReason?.code === 'CUSTOMER_FLAGGED' &&
    fifth.status === 'APPROVED';
  if (!matched) bad('expected order 4 REJECTED (CUSTOMER_FLAGGED) and order 5 APPROVED');
  return matched;
}
