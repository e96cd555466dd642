import type { RunningService } from '../../runner/src/service-process.js';
import { summarize } from './stats.js';

const orderBody = (sku: string) =>
  JSON.stringify({
    customerId: 'bench',
    items: [{ sku, quantity: 1, unitPrice: 10 }],
    shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  });

interface SagaTiming {
  readonly outcome: string;
  /** POST sent → 202 received. */
  readonly accepted: number;
  /** 202 received → GET shows APPROVED. */
  readonly approved: number;
  /** Between consecutive events of the order's stream (server clock): one round trip through a participant. */
  readonly hops: readonly number[];
}

async function placeAndWait(order: RunningService, body: string, pollMs: number): Promise<SagaTiming> {
  const t0 = performance.now();
  const response = await fetch(`${order.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const { orderId } = (await response.json()) as { orderId: string };
  const t1 = performance.now();
  let outcome: string;
  for (;;) {
    const state = (await (await fetch(`${order.url}/orders/${orderId}`)).json()) as {
      status: string;
      rejectionReason: { step: string; code: string } | null;
    };
    if (state.status === 'APPROVED' || state.status === 'REJECTED') {
      outcome = state.rejectionReason
        ? `REJECTED ${state.rejectionReason.step} ${state.rejectionReason.code}`
        : state.status;
      break;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  const t2 = performance.now();
  const history = (await (await fetch(`${order.url}/orders/${orderId}/history`)).json()) as {
    events: { occurredAt: string }[];
  };
  const times = history.events.map((e) => new Date(e.occurredAt).getTime());
  return {
    outcome,
    accepted: t1 - t0,
    approved: t2 - t1,
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
export async function sequentialSagas(order: RunningService, sku: string, count: number, warmup = 5) {
  const body = orderBody(sku);
  const timings: SagaTiming[] = [];
  for (let i = 0; i < count + warmup; i++) {
    const timing = await placeAndWait(order, body, 5);
    if (i >= warmup) timings.push(timing);
  }
  return report(`sequential, ${count} sagas`, timings);
}

/** Orders started at a fixed rate regardless of completions (open loop), so queueing shows up in the numbers. */
export async function pacedSagas(order: RunningService, sku: string, count: number, perSecond: number) {
  const body = orderBody(sku);
  const started = performance.now();
  const runs: Promise<SagaTiming>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    runs.push(placeAndWait(order, body, 25));
  }
  const timings = await Promise.all(runs);
  const seconds = (performance.now() - started) / 1000;
  return [
    ...report(`${perSecond} orders/s open loop, ${count} sagas`, timings),
    `  throughput: ${(count / seconds).toFixed(1)} sagas/s completed over ${seconds.toFixed(1)} s`,
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
    `  POST → 202 accepted        ${summarize(timings.map((t) => t.accepted))}`,
    `  202 accepted → APPROVED    ${summarize(timings.map((t) => t.approved))}`,
    `  placed → payment authorized   ${hop(0)}`,
    `  payment → inventory reserved  ${hop(1)}`,
    `  inventory → approved          ${hop(2)}`,
  ];
}
