import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import pg from 'pg';
import { type ServiceName, Services } from '@edr/topology';
import { infraEndpoints } from '../../tools/infra/src/index.js';
import { type RunningService, startService, waitFor } from '../../tools/runner/src/service-process.js';

/** Where the infrastructure that `npm run infra:up` (or the test command) started listens. */
export const infra = infraEndpoints();

export type AppName = ServiceName;

export const serviceDatabaseUrl = (service: AppName) => infra.databaseUrl(service);

export const kafka = new Kafka({
  clientId: 'e2e-tests',
  brokers: [...infra.kafkaBrokers],
  logLevel: logLevel.NOTHING,
});

/** Test ports differ from the demo's, so a running demo does not collide with the tests. */
export const testPorts = Object.fromEntries(
  Object.values(Services).map((service) => [service.name, service.testPort]),
) as Record<AppName, number>;

/** Starts `apps/<name>-service/dist/main.js` against the local infrastructure; `env` overrides its settings. */
export const startApp = (name: AppName, env: Readonly<Record<string, string>> = {}) =>
  startService({
    name: Services[name].app,
    port: testPorts[name],
    env: {
      DATABASE_URL: serviceDatabaseUrl(name),
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      ...env,
    },
  });

export const startOrderService = (env: Readonly<Record<string, string>> = {}) => startApp('order', env);
export const startProjectionService = () => startApp('projection');

export async function queryDb<T = Record<string, unknown>>(
  service: AppName,
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: serviceDatabaseUrl(service) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export const sampleOrder = (overrides: Record<string, unknown> = {}) => ({
  customerId: `cust-${randomUUID().slice(0, 8)}`,
  items: [
    { sku: 'BOOK-001', quantity: 2, unitPrice: 12.5 },
    { sku: 'MUG-042', quantity: 1, unitPrice: 8.99 },
  ],
  shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  ...overrides,
});

export async function placeOrder(order: RunningService, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${order.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, any>,
  };
}

export async function waitForView(projection: RunningService, orderId: string, timeoutMs = 30_000) {
  return waitFor(
    `order ${orderId} in the projection`,
    async () => {
      const response = await fetch(`${projection.url}/views/orders/${orderId}`);
      return response.ok ? ((await response.json()) as Record<string, any>) : undefined;
    },
    timeoutMs,
  );
}

/** Collects every record arriving on `topic` after it has joined (from the end of the log). */
export async function recordTap(topic: string) {
  const consumer: Consumer = kafka.consumer({ groupId: `e2e-tap-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const records: Array<KafkaMessage & { partition: number }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: async ({ message, partition }) => void records.push({ ...message, partition }),
  });
  await joined;
  // A fresh group with fromBeginning=false resolves "latest" lazily; give the first fetch a moment to pin offsets.
  await new Promise((r) => setTimeout(r, 500));
  return {
    records,
    find: (predicate: (m: KafkaMessage) => boolean, what: string, timeoutMs = 30_000) =>
      waitFor(what, async () => records.find(predicate), timeoutMs),
    stop: () => consumer.disconnect(),
  };
}

export const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();
