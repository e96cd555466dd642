import { randomUUID } from 'node:crypto';
import type { Consumer, IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { Topics } from '@edr/contracts';
import { type RunningService, drained, getJson, kafka, sendJson, startApp, waitFor } from '@edr/testing';
import { placeOrder, sampleOrder, seededCustomersKnown } from './harness.js';

export interface SagaStack {
  order: RunningService;
  payment: RunningService;
  inventory: RunningService;
  shipping: RunningService;
  customer: RunningService;
  stop(): Promise<void>;
}

/**
 * The order service, the three participants and customer-service (whose seeded customers the orders are for);
 * `orderEnv` tunes the saga (deadlines, attempts). Resolves once every
 * service has worked off what earlier suites left on its topics (for example the commands of orders placed while no
 * participant ran), so injected latency or crashes in a test hit that test's own messages.
 */
export async function startSagaStack(orderEnv: Record<string, string> = {}): Promise<SagaStack> {
  const fastRetries = { CONSUMER_BACKOFF_MS: '20', CONSUMER_MAX_BACKOFF_MS: '200' };
  const starting = await Promise.allSettled([
    startApp('order', { ...fastRetries, ...orderEnv }),
    startApp('payment', fastRetries),
    startApp('inventory', fastRetries),
    startApp('shipping', fastRetries),
    startApp('customer', fastRetries),
  ]);
  const failed = starting.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    // Never leave half a stack behind: its consumers would take part in the next suite's sagas.
    await Promise.all(starting.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw failed.reason;
  }
  const [order, payment, inventory, shipping, customer] = starting.map(
    (s) => (s as PromiseFulfilledResult<RunningService>).value,
  ) as [RunningService, RunningService, RunningService, RunningService, RunningService];
  await seededCustomersKnown(customer);
  await Promise.all([
    drained('payment-service', [Topics.paymentCommands]),
    drained('inventory-service', [Topics.inventoryCommands]),
    drained('shipping-service', [Topics.shippingCommands]),
  ]);
  await drained('order-service', [Topics.paymentEvents, Topics.inventoryEvents, Topics.shippingEvents]);
  const stack: SagaStack = {
    order,
    payment,
    inventory,
    shipping,
    customer,
    stop: () =>
      Promise.all(
        [stack.order, stack.payment, stack.inventory, stack.shipping, stack.customer].map((s) => s.stop()),
      ).then(() => undefined),
  };
  return stack;
}

const terminal = new Set(['APPROVED', 'REJECTED']);

/** Polls GET /orders/{id} until the order is APPROVED or REJECTED and its saga has finished. */
export const waitForOutcome = (order: RunningService, orderId: string, timeoutMs = 60_000) =>
  waitFor(
    `order ${orderId} to reach APPROVED or REJECTED`,
    async () => {
      const { status, body } = await getJson(`${order.url}/orders/${orderId}`);
      return status === 200 && terminal.has(body.status) && terminal.has(body.saga?.phase) ? body : undefined;
    },
    timeoutMs,
    50,
  );

/**
 * Waits for many orders without flooding the order service with polls (each GET replays the order's events):
 * one round over the unfinished ones at a time, a few requests in flight.
 */
export async function waitForOutcomes(
  order: RunningService,
  orderIds: readonly string[],
  timeoutMs = 240_000,
) {
  const results = new Map<string, Record<string, any>>();
  const deadline = Date.now() + timeoutMs;
  while (results.size < orderIds.length) {
    if (Date.now() > deadline) {
      throw new Error(
        `${orderIds.length - results.size} of ${orderIds.length} orders unfinished after ${timeoutMs} ms`,
      );
    }
    const pending = orderIds.filter((id) => !results.has(id));
    for (let i = 0; i < pending.length; i += 8) {
      await Promise.all(
        pending.slice(i, i + 8).map(async (id) => {
          const { status, body } = await getJson(`${order.url}/orders/${id}`);
          if (status === 200 && terminal.has(body.status) && terminal.has(body.saga?.phase))
            results.set(id, body);
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return orderIds.map((id) => results.get(id)!);
}

export const historyTypes = async (order: RunningService, orderId: string): Promise<string[]> =>
  (await getJson(`${order.url}/orders/${orderId}/history`)).body.events.map((e: { type: string }) => e.type);

/** A SKU of its own for one test, so runs never share stock. */
export async function freshSku(inventory: RunningService, onHand: number, prefix = 'E2E') {
  const sku = `${prefix}-${randomUUID().slice(0, 8)}`.toUpperCase();
  await sendJson('PUT', `${inventory.url}/admin/inventory/${sku}`, { name: `test ${sku}`, onHand });
  return sku;
}

export const stockOf = async (inventory: RunningService, sku: string) =>
  (await getJson(`${inventory.url}/inventory/${sku}`)).body as {
    onHand: number;
    reserved: number;
    available: number;
  };

export const paymentOf = async (payment: RunningService, orderId: string) =>
  getJson(`${payment.url}/payments/${orderId}`);
export const shipmentOf = async (shipping: RunningService, orderId: string) =>
  getJson(`${shipping.url}/shipments/${orderId}`);

export const orderFor = (sku: string, overrides: Record<string, unknown> = {}) =>
  sampleOrder({ items: [{ sku, quantity: 2, unitPrice: 10 }], ...overrides });

export async function place(order: RunningService, body: unknown): Promise<string> {
  const response = await placeOrder(order, body);
  if (response.status !== 202)
    throw new Error(`POST /orders → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.orderId as string;
}

export const sagaTopics = [
  Topics.paymentCommands,
  Topics.paymentEvents,
  Topics.inventoryCommands,
  Topics.inventoryEvents,
  Topics.shippingCommands,
  Topics.shippingEvents,
];

const DUPLICATE_HEADER = 'e2e-duplicate';

/**
 * Re-publishes every saga command and reply of the watched orders once more, byte for byte (same key, value and
 * message id), right after the original appears: each one is delivered twice, racing the first delivery.
 */
export async function duplicator() {
  const watched = new Set<string>();
  // Records of orders not watched yet: an order's first command can appear before its POST has returned.
  const early = new Map<string, Array<{ topic: string; message: KafkaMessage }>>();
  let duplicated = 0;
  const consumer: Consumer = kafka.consumer({ groupId: `e2e-dup-${randomUUID()}`, maxWaitTimeInMs: 50 });
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topics: sagaTopics, fromBeginning: false });
  const resend = async (topic: string, message: KafkaMessage) => {
    const headers: IHeaders = { [DUPLICATE_HEADER]: '1' };
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (value !== null && value !== undefined) headers[name] = value as Buffer;
    }
    await producer.send({ topic, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
    duplicated += 1;
  };
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ topic, message }) => {
      const key = message.key?.toString();
      if (!key || message.headers?.[DUPLICATE_HEADER]) return;
      if (watched.has(key)) return resend(topic, message);
      if (early.size < 10_000) early.set(key, [...(early.get(key) ?? []), { topic, message }]);
    },
  });
  await joined;
  await new Promise((r) => setTimeout(r, 500));
  return {
    async watch(orderId: string) {
      watched.add(orderId);
      const pending = early.get(orderId) ?? [];
      early.delete(orderId);
      for (const { topic, message } of pending) await resend(topic, message);
    },
    count: () => duplicated,
    stop: () => Promise.all([consumer.disconnect(), producer.disconnect()]),
  };
}
