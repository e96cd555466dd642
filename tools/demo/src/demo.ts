/**
 * `npm run demo`: infrastructure up, build, both services, one sample order followed along its whole trail
 * (HTTP → event stream + outbox → Kafka → projection). Keeps running until Ctrl-C; `--once` exits with 0 only if the
 * trail completed. Everything it started is stopped on the way out, and nothing else.
 */
import { spawnSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { Topics } from '@edr/contracts';
import { infraDown, infraEndpoints, infraUp, type Component } from '../../infra/src/index.js';
import { repoRoot, type RunningService, startService, waitFor } from '../../runner/src/service-process.js';

const once = process.argv.includes('--once');
const step = (label: string, detail = '') => console.log(`\u001b[36m▸ ${label}\u001b[0m ${detail}`);
const ok = (label: string, detail = '') => console.log(`  \u001b[32m✓\u001b[0m ${label} ${detail}`);
const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;

const started: { infra: Component[]; services: RunningService[] } = { infra: [], services: [] };
let stopping: Promise<void> | undefined;

function stopEverything(): Promise<void> {
  stopping ??= (async () => {
    step('stopping what the demo started');
    await Promise.allSettled(started.services.map((s) => s.stop()));
    if (started.infra.length) await infraDown({ only: started.infra });
  })();
  return stopping;
}

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

    step('2. Event stream + outbox', 'order_db, same transaction');
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

async function main(): Promise<number> {
  step('infrastructure', '(PostgreSQL, Kafka, Kafka Connect + Debezium)');
  const infra = await infraUp({ rollbackOnFailure: true });
  started.infra = [...infra.started];

  step('build', 'tsc -b');
  const build = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed (see above)');

  step('services', '(migrations run at boot)');
  const endpoints = infraEndpoints();
  const brokers = endpoints.kafkaBrokers.join(',');
  const [order, projection] = await Promise.all([
    startService({
      name: 'order-service',
      port: 3001,
      env: { DATABASE_URL: endpoints.databaseUrl('order'), KAFKA_BROKERS: brokers },
    }),
    startService({
      name: 'projection-service',
      port: 3006,
      env: { DATABASE_URL: endpoints.databaseUrl('projection'), KAFKA_BROKERS: brokers },
    }),
  ]);
  started.services = [order, projection];
  ok(`order-service ${order.url}`, `log: ${order.logFile}`);
  ok(`projection-service ${projection.url}`, `log: ${projection.logFile}`);

  await followOneOrder(order, projection);
  if (once) return 0;

  console.log(
    '\nRunning. Try: curl -s -XPOST localhost:3001/orders -H content-type:application/json -d @- ...; Ctrl-C stops.',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`\u001b[31m✗ ${(error as Error).message}\u001b[0m`);
  code = 1;
} finally {
  await stopEverything();
}
process.exit(code);
