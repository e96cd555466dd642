import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { OrderApproved, OrderRejected, type RejectionReason, Topics } from '@edr/contracts';
import type { RunningService } from '@edr/testing';
import { summarize } from './stats.js';

const orderBody = (sku: string) =>
  JSON.stringify({
    customerId: 'bench',
    items: [{ sku, quantity: 1, unitPrice: 10 }],
    shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  });

interface SagaTiming {
  readonly outcome: string;
  /** POST sent → 202 received (client clock). */
  readonly accepted: number;
  /** OrderPlaced → OrderApproved/OrderRejected, from the order's own event times (server clock, no polling). */
  readonly decided: number;
  /** 202 received → the terminal event read from order.events (client clock; includes one Debezium relay). */
  readonly observed: number;
  /** Between consecutive events of the order's stream: one round trip through a participant each. */
  readonly hops: readonly number[];
}

/**
 * Learns that sagas finished from order.events instead of polling GET /orders/{id}: hundreds of pollers would load
 * the order service more than the sagas do and measure themselves.
 */
export async function sagaWatcher(brokers: readonly string[]) {
  const kafka = new Kafka({ clientId: 'bench', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const waiting = new Map<string, (at: number) => void>();
  const finished = new Map<string, number>();
  await consumer.connect();
  await consumer.subscribe({ topic: Topics.orderEvents, fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message }) => {
      const type = message.headers?.eventType?.toString();
      if (type !== OrderApproved.type && type !== OrderRejected.type) return;
      const orderId = message.key?.toString() ?? '';
      const at = performance.now();
      finished.set(orderId, at);
      waiting.get(orderId)?.(at);
    },
  });
  await joined;
  await new Promise((r) => setTimeout(r, 500));
  return {
    finishedAt: (orderId: string) =>
      new Promise<number>((resolve) => {
        const at = finished.get(orderId);
        if (at !== undefined) resolve(at);
        else waiting.set(orderId, resolve);
      }),
    stop: () => consumer.disconnect(),
  };
}

type Watcher = Awaited<ReturnType<typeof sagaWatcher>>;

async function placeAndWait(order: RunningService, watcher: Watcher, body: string): Promise<SagaTiming> {
  const t0 = performance.now();
  const response = await fetch(`${order.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const { orderId } = (await response.json()) as { orderId: string };
  const t1 = performance.now();
  const t2 = await watcher.finishedAt(orderId);
  const state = (await (await fetch(`${order.url}/orders/${orderId}`)).json()) as {
    status: string;
    rejectionReason: RejectionReason | null;
  };
  const history = (await (await fetch(`${order.url}/orders/${orderId}/history`)).json()) as {
    events: { type: string; occurredAt: string }[];
  };
  const times = history.events.map((e) => new Date(e.occurredAt).getTime());
  const end = history.events.findIndex((e) => e.type === OrderApproved.type || e.type === OrderRejected.type);
  return {
    outcome: state.rejectionReason
      ? `REJECTED ${state.rejectionReason.step} ${state.rejectionReason.code}`
      : state.status,
    accepted: t1 - t0,
    decided: times[end]! - times[0]!,
    observed: t2 - t1,
    hops: times.slice(1, 4).map((t, i) => t - times[i]!),
  };
}

/** Creates a SKU with enough stock for the whole run, so no bench order is rejected. */
export async function benchSku(inventory: RunningService, units: number): Promise<string> {
  const sku = `BENCH-${Date.now()}`;
  const response = await fetch(`${inventory.url}/admin/inventory/${sku}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench stock', onHand: units }),
  });
  if (!response.ok) throw new Error(`cannot create bench stock: ${response.status} ${await response.text()}`);
  return sku;
}

/** One saga at a time: the pipeline's latency without queueing. */
export async function sequentialSagas(
  order: RunningService,
  watcher: Watcher,
  sku: string,
  count: number,
  warmup = 5,
) {
  const body = orderBody(sku);
  const timings: SagaTiming[] = [];
  for (let i = 0; i < count + warmup; i++) {
    const timing = await placeAndWait(order, watcher, body);
    if (i >= warmup) timings.push(timing);
  }
  return report(`sequential, ${count} sagas`, timings);
}

/** Orders started at a fixed rate regardless of completions (open loop), so queueing shows up in the numbers. */
export async function pacedSagas(
  order: RunningService,
  watcher: Watcher,
  sku: string,
  count: number,
  perSecond: number,
) {
  const body = orderBody(sku);
  const started = performance.now();
  const runs: Promise<SagaTiming>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    runs.push(placeAndWait(order, watcher, body));
  }
  const timings = await Promise.all(runs);
  const seconds = (performance.now() - started) / 1000;
  return [
    ...report(`${perSecond} orders/s open loop, ${count} sagas`, timings),
    `  all ${count} finished ${seconds.toFixed(1)} s after the first POST (${(count / seconds).toFixed(1)} sagas/s)`,
  ];
}

function report(label: string, all: readonly SagaTiming[]): string[] {
  const timings = all.filter((t) => t.outcome === 'APPROVED');
  const outcomes = new Map<string, number>();
  for (const t of all) outcomes.set(t.outcome, (outcomes.get(t.outcome) ?? 0) + 1);
  const hop = (i: number) => summarize(timings.map((t) => t.hops[i] ?? 0));
  if (timings.length === 0) return [`Saga (${label}): no order was approved (${[...outcomes].join(', ')})`];
  return [
    `Saga (${label}): ${[...outcomes].map(([o, n]) => `${n} ${o}`).join(', ')}`,
    `  POST → 202 accepted                    ${summarize(timings.map((t) => t.accepted))}`,
    `  OrderPlaced → OrderApproved (server)   ${summarize(timings.map((t) => t.decided))}`,
    `  202 → OrderApproved read from Kafka    ${summarize(timings.map((t) => t.observed))}`,
    `  placed → payment authorized            ${hop(0)}`,
    `  payment → inventory reserved           ${hop(1)}`,
    `  inventory → approved                   ${hop(2)}`,
  ];
}
