/**
 * `npm run demo`: infrastructure up, build, all services and two label workers, then (1) one order followed along its
 * whole trail (HTTP → event stream + outbox → Kafka → projection), (2) two customer registrations, one refused and
 * compensated, (3) one order down every path of the saga, each printed as a timeline with the participants' records,
 * (4) a burst of orders whose labels the workers share, and (5) the read side: a view rebuilt and verified, a sales
 * window filling up with a late sale, a customer flagged by a CEP rule and cleared. Keeps running until Ctrl-C; `--once` exits with 0 only if
 * every part ended as it should. Everything it started is stopped on the way out.
 */
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { Topics } from '@edr/contracts';
import { type ServiceName, serviceNames, Services } from '@edr/topology';
import { infraEndpoints, runUntilStopped, type Shutdown } from '@edr/infra';
import { activeCustomer, type RunningService, waitFor } from '@edr/testing';
import {
  build,
  infraUpUntilStopped,
  startSystem,
  startSystemService,
  workerInstances,
} from '../../system/src/whole-system.js';
import { showWorkersSharing } from './label-workers.js';
import { showFlagAndClear, showRebuild, showSalesWindow } from './read-side.js';
import { runRegistrations } from './registrations.js';
import { type DemoCustomers, type SagaScenario, sagaScenarios } from './saga-scenarios.js';
import { type HistoryEvent, timeline } from './timeline.js';

const once = process.argv.includes('--once');
const step = (label: string, detail = '') => console.log(`\u001b[36m▸ ${label}\u001b[0m ${detail}`);
const ok = (label: string, detail = '') => console.log(`  \u001b[32m✓\u001b[0m ${label} ${detail}`);
const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;

// Everything the demo starts goes through it, so that Ctrl-C (once or many times) stops all of it.
let shutdown: Shutdown;

async function followOneOrder(order: RunningService, projection: RunningService): Promise<void> {
  const endpoints = infraEndpoints();
  const kafka = new Kafka({
    clientId: 'demo',
    brokers: [...endpoints.kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `demo-${Date.now()}`, maxWaitTimeInMs: 100 });
  const seen = new Map<
    string,
    { partition: number; offset: string; headers: Record<string, string>; at: number }
  >();
  await consumer.connect();
  await consumer.subscribe({ topic: Topics.orderEvents, fromBeginning: false });
  const joined = new Promise((r) => consumer.on(consumer.events.GROUP_JOIN, r));
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      seen.set(message.key?.toString() ?? '', {
        partition,
        offset: message.offset,
        headers,
        at: performance.now(),
      });
    },
  });
  await joined;
  await new Promise((r) => setTimeout(r, 500));

  try {
    step('1. HTTP', `POST ${order.url}/orders`);
    const t0 = performance.now();
    const response = await fetch(`${order.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `demo-${Date.now()}` },
      body: JSON.stringify({
        customerId: 'demo-customer',
        items: [
          { sku: 'BOOK-001', quantity: 2, unitPrice: 12.5 },
          { sku: 'MUG-042', quantity: 1, unitPrice: 8.99 },
        ],
        shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      }),
    });
    const body = (await response.json()) as { orderId: string; status: string };
    if (response.status !== 202)
      throw new Error(`POST /orders answered ${response.status}: ${JSON.stringify(body)}`);
    ok(
      `${response.status} Accepted`,
      `orderId=${body.orderId} status=${body.status} Location=${response.headers.get('location')} (${ms(t0)})`,
    );

    step('2. Event stream + outbox', 'order_svc schema, same transaction');
    const db = new pg.Client({ connectionString: endpoints.databaseUrl('order') });
    await db.connect();
    const events = await db.query('SELECT version, type, event_id FROM order_events WHERE stream_id = $1', [
      body.orderId,
    ]);
    const outbox = await db.query('SELECT count(*)::int AS n FROM outbox');
    await db.end();
    for (const e of events.rows) ok(`order_events v${e.version} ${e.type}`, `event_id=${e.event_id}`);
    ok(
      `outbox rows left behind: ${outbox.rows[0].n}`,
      '(inserted and deleted in the transaction; Debezium reads the WAL)',
    );

    step('3. Kafka', `topic ${Topics.orderEvents} via Debezium outbox event router`);
    const record = await waitFor('the record on Kafka', async () => seen.get(body.orderId), 30_000);
    ok(
      `${Topics.orderEvents}[${record.partition}]@${record.offset} key=${body.orderId}`,
      `headers id=${record.headers.id} eventType=${record.headers.eventType} (${Math.round(record.at - t0)} ms after POST)`,
    );

    step('4. Projection', `GET ${projection.url}/views/orders/${body.orderId}`);
    const view = await waitFor(
      'the projection view',
      async () => {
        const r = await fetch(`${projection.url}/views/orders/${body.orderId}`);
        return r.ok ? ((await r.json()) as Record<string, unknown>) : undefined;
      },
      30_000,
    );
    ok(`view status=${view.status} total=${view.total} items=${view.itemCount}`, `(${ms(t0)} after POST)`);
    console.log(
      `\n\u001b[32mTrail complete\u001b[0m: HTTP → order_events + outbox → ${Topics.orderEvents} → order_view`,
    );
  } finally {
    await consumer.disconnect();
  }
}

function startApp(name: ServiceName, env: Readonly<Record<string, string>> = {}) {
  return startSystemService(shutdown, name, { ports: 'demo', env });
}

interface Participants {
  order: RunningService;
  payment: RunningService;
  inventory: RunningService;
  shipping: RunningService;
}

const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

async function setFaults(service: RunningService, patch: Record<string, number> | null) {
  const response = await fetch(`${service.url}/admin/faults`, {
    method: patch ? 'PUT' : 'DELETE',
    headers: { 'content-type': 'application/json' },
    body: patch ? JSON.stringify(patch) : undefined,
  });
  if (!response.ok) throw new Error(`${service.name} /admin/faults answered ${response.status}`);
}

/** Restarts order-service when a scenario needs other saga settings (e.g. short deadlines). */
async function withOrderEnv(
  apps: Participants,
  env: Readonly<Record<string, string>>,
  current: { key: string },
) {
  const key = JSON.stringify(env);
  if (key === current.key) return;
  step('restarting order-service', Object.keys(env).length ? JSON.stringify(env) : '(default saga settings)');
  await apps.order.stop();
  apps.order = await startApp('order', env);
  current.key = key;
}

async function runScenario(apps: Participants, scenario: SagaScenario): Promise<boolean> {
  const target = scenario.faults ? apps[scenario.faults.service] : null;
  if (target && scenario.faults) await setFaults(target, scenario.faults.patch);
  try {
    const postedAt = Date.now();
    const response = await fetch(`${apps.order.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(scenario.order),
    });
    const { orderId } = (await response.json()) as { orderId: string };
    if (response.status !== 202) throw new Error(`POST /orders answered ${response.status}`);
    const order = await waitFor(
      `order ${orderId} to finish`,
      async () => {
        const { body } = await getJson(`${apps.order.url}/orders/${orderId}`);
        return ['APPROVED', 'REJECTED'].includes(body.saga?.phase) ? body : undefined;
      },
      60_000,
      20,
    );
    const elapsed = Date.now() - postedAt;
    if (scenario.expect.code === 'TIMEOUT') {
      // The point of this scenario is the late reply; give it time to arrive.
      await waitFor(
        'the late reply',
        async () => {
          const { body } = await getJson(`${apps.order.url}/orders/${orderId}/history`);
          return body.events.some((e: HistoryEvent) => e.type === 'OrderLateReplyHandled') ? true : undefined;
        },
        30_000,
      ).catch(() => undefined);
    }
    const history = (await getJson(`${apps.order.url}/orders/${orderId}/history`)).body
      .events as HistoryEvent[];
    for (const line of timeline(history, postedAt)) console.log(line);
    const [payment, shipment] = await Promise.all([
      getJson(`${apps.payment.url}/payments/${orderId}`),
      getJson(`${apps.shipping.url}/shipments/${orderId}`),
    ]);
    const reservation = await getJson(`${apps.inventory.url}/inventory/reservations/${orderId}`);
    console.log(
      `    payment: ${payment.status === 200 ? `${payment.body.status} captured ${payment.body.capturedAmount} refunded ${payment.body.refundedAmount}` : 'none'}` +
        ` · stock: ${reservation.status === 200 ? reservation.body.status : 'none'}` +
        ` · shipment: ${shipment.status === 200 ? shipment.body.status : 'none'}`,
    );
    const reason = order.rejectionReason as { step: string; code: string } | null;
    const matched =
      order.status === scenario.expect.status &&
      (scenario.expect.code === undefined ||
        (reason?.step === scenario.expect.step && reason?.code === scenario.expect.code)) &&
      (scenario.expect.code !== 'TIMEOUT' || history.some((e) => e.type === 'OrderLateReplyHandled'));
    const outcome = `${order.status}${reason ? ` (${reason.step} ${reason.code})` : ''} in ${elapsed} ms`;
    if (matched) ok(outcome);
    else console.log(`  \u001b[31m✗\u001b[0m ${outcome}; expected ${JSON.stringify(scenario.expect)}`);
    return matched;
  } finally {
    if (target) await setFaults(target, null);
  }
}

async function runSagaScenarios(apps: Participants, customers: DemoCustomers): Promise<boolean> {
  const current = { key: JSON.stringify({}) };
  const results: boolean[] = [];
  const scenarios = sagaScenarios(customers);
  for (const [index, scenario] of scenarios.entries()) {
    if (shutdown.signal.aborted) return false;
    await withOrderEnv(apps, scenario.orderEnv ?? {}, current);
    step(`saga ${index + 1}/${scenarios.length}: ${scenario.name}`);
    results.push(
      await runScenario(apps, scenario).catch((error: unknown) => {
        console.log(`  \u001b[31m✗\u001b[0m ${(error as Error).message}`);
        return false;
      }),
    );
  }
  await withOrderEnv(apps, {}, current);
  const passed = results.filter(Boolean).length;
  console.log(
    `\n${passed === results.length ? '\u001b[32m' : '\u001b[31m'}Sagas: ${passed}/${results.length} reached the expected outcome\u001b[0m`,
  );
  return passed === results.length;
}

async function main(): Promise<number> {
  step('infrastructure', '(PostgreSQL, Kafka, Kafka Connect + Debezium)');
  await infraUpUntilStopped(shutdown, { quiet: false });

  step('build', 'tsc -b');
  build();

  step('services', `(migrations run at boot), then ${workerInstances} label workers`);
  const system = await startSystem(shutdown, {
    ports: 'demo',
    onStarted: (started) => ok(`${started.name} ${started.url}`, `log: ${started.logFile}`),
  });
  const services = serviceNames.map((name) => system.services[name]!);
  const workers = system.workers.map((worker) => worker.process);
  const byName = Object.fromEntries(serviceNames.map((name, i) => [name, services[i]!]));
  const { order, payment, inventory, shipping, customer, projection } = byName as Record<
    ServiceName,
    RunningService
  >;

  await followOneOrder(order, projection);
  const registrations = await runRegistrations(customer, { step, ok });
  if (!registrations.matched)
    console.log('  \u001b[31m✗\u001b[0m the registrations did not end as they should (see above)');
  const small = await activeCustomer(customer.url, 100);
  const allMatched = await runSagaScenarios(
    { order, payment, inventory, shipping },
    { ...registrations, small },
  );
  const shared = await showWorkersSharing({ order, shipping, workers }, { step, ok });
  const kafka = new Kafka({
    clientId: 'demo',
    brokers: [...infraEndpoints().kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });
  const readSide = [
    await showRebuild(projection, { step, ok }),
    await showSalesWindow(projection, kafka, 30_000, { step, ok }),
    await showFlagAndClear({ order, payment, customer, projection }, { step, ok }),
  ].every(Boolean);
  if (once) return allMatched && registrations.matched && shared && readSide ? 0 : 1;

  console.log(
    `\nRunning. Try: curl -s -XPOST localhost:${Services.order.port}/orders -H content-type:application/json -d @- ...; Ctrl-C stops.`,
  );
  await new Promise((resolve) => shutdown.signal.addEventListener('abort', resolve));
  return 0;
}

runUntilStopped(
  {
    what: 'the demo',
    log: (line) => (line.startsWith('stopping') ? step(line) : console.log(line)),
    reportError: (error) => console.error(`\u001b[31m✗ ${(error as Error).message}\u001b[0m`),
  },
  (tools) => {
    shutdown = tools;
    return main();
  },
);
