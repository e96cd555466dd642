/**
 * The order replay on the real stack: orders placed over HTTP and decided by the saga (order-service, payment,
 * inventory, shipping, customer-service for the seeded customers) are replayed from order.events with the
 * aggregate and equal what GET /orders/{id} serves; an event appended to order_events behind the outbox's back makes
 * exactly that order a mismatch, through the function and through the CLI.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Topics } from '@edr/contracts';
import {
  type RunningService,
  activeCustomer,
  drained,
  infra,
  kafka,
  queryDb,
  repoRoot,
  sendJson,
  startApp,
  waitFor,
} from '@edr/testing';
import type { OrderOutcome } from './order-outcome.js';
import { type ReplayOptions, replayOrders } from './replay-orders.js';

// Jest ignores testTimeout inside a project config.
jest.setTimeout(240_000);

let services: RunningService[] = [];
let order: RunningService;
let inventory: RunningService;
let customer: RunningService;

const terminal = new Set(['APPROVED', 'REJECTED']);
const address = { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };

async function place(body: unknown): Promise<string> {
  const response = await fetch(`${order.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { orderId?: string };
  if (response.status !== 202 || !answer.orderId)
    throw new Error(`POST /orders → ${response.status} ${JSON.stringify(answer)}`);
  return answer.orderId;
}

/** Polls GET /orders/{id} until the order and its saga have ended. */
const ended = (orderId: string) =>
  waitFor(
    `order ${orderId} to be APPROVED or REJECTED`,
    async () => {
      const response = await fetch(`${order.url}/orders/${orderId}`);
      const body = response.ok ? ((await response.json()) as Record<string, any>) : undefined;
      return body && terminal.has(body.status) && terminal.has(body.saga?.phase) ? body : undefined;
    },
    120_000,
    100,
  );

/** `npm run orders -- replay …` as a child process: the compiled CLI, as the npm script runs it after its build. */
function runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'apps/order-service/dist/replay/cli.js'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers.join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Consumer groups of the replay still on the broker (each run deletes its own). */
async function replayGroups(): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((id) => id.startsWith('order-replay-'));
  } finally {
    await admin.disconnect();
  }
}

const replay = (orderIds: readonly string[], changes: Partial<ReplayOptions> = {}) =>
  replayOrders({
    brokers: infra.kafkaBrokers,
    orderServiceUrl: order.url,
    selection: { all: false, orderIds },
    // Generous: the last events of an order that just ended may still be on their way through Debezium.
    catchUpMs: 30_000,
    ...changes,
  });

/** A local URL where nothing listens: a port the system handed out and took back. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const kinds = (outcomes: readonly OrderOutcome[]) =>
  Object.fromEntries(outcomes.map((o) => [o.orderId, o.kind]));

describe('npm run orders -- replay', () => {
  let approved: string;
  let declined: string;
  let refunded: string;
  let orderIds: string[];

  beforeAll(async () => {
    const fastRetries = { CONSUMER_BACKOFF_MS: '20', CONSUMER_MAX_BACKOFF_MS: '200' };
    const starting = await Promise.allSettled(
      (['order', 'payment', 'inventory', 'shipping', 'customer'] as const).map((name) =>
        startApp(name, fastRetries),
      ),
    );
    services = starting.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = starting.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    [order, , inventory, , customer] = services as [
      RunningService,
      RunningService,
      RunningService,
      RunningService,
      RunningService,
    ];

    // The seeded customers must be ACTIVE and in payment's copy before an order for them is decided.
    for (const id of ['demo-customer']) {
      await waitFor(
        `seeded customer ${id} to be ACTIVE`,
        async () => {
          const response = await fetch(`${customer.url}/customers/${id}`);
          return response.ok && ((await response.json()) as { status: string }).status === 'ACTIVE'
            ? true
            : undefined;
        },
        60_000,
      );
    }
    await drained('payment-customer-copy', [Topics.customerEvents]);

    const sku = `REPLAY-${randomUUID().slice(0, 8)}`.toUpperCase();
    await sendJson('PUT', `${inventory.url}/admin/inventory/${sku}`, { name: `replay ${sku}`, onHand: 100 });
    const line = (quantity: number, unitPrice = 10, ofSku = sku) => [{ sku: ofSku, quantity, unitPrice }];
    approved = await place({ customerId: 'demo-customer', items: line(2), shippingAddress: address });
    // A customer of this run's own with a limit of 100: declined at the payment step (see activeCustomer).
    const small = await activeCustomer(customer.url, 100);
    declined = await place({ customerId: small, items: line(15), shippingAddress: address });
    // Paid, then refused by inventory: rejected after a refund (the compensation path).
    refunded = await place({
      customerId: 'demo-customer',
      items: line(1, 10, `NO-SUCH-${randomUUID().slice(0, 8)}`.toUpperCase()),
      shippingAddress: address,
    });
    orderIds = [approved, declined, refunded];
    const outcomes = await Promise.all(orderIds.map(ended));
    expect(outcomes.map((o) => [o.status, o.rejectionReason?.code ?? null, o.version])).toEqual([
      ['APPROVED', null, 5],
      ['REJECTED', 'CREDIT_LIMIT_EXCEEDED', 2],
      ['REJECTED', 'UNKNOWN_SKU', 5],
    ]);
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
  });

  test('the replayed orders equal what GET serves, field for field', async () => {
    const result = await replay(orderIds);

    expect(kinds(result.outcomes)).toEqual({ [approved]: 'match', [declined]: 'match', [refunded]: 'match' });
    expect(result.ok).toBe(true);
    expect(result.invalid).toEqual([]);
    expect(result.counts).toEqual({
      replayed: 3,
      matches: 3,
      mismatches: 0,
      unknownToGet: 0,
      notInLog: 0,
      notFound: 0,
    });
    const byId = new Map(result.outcomes.map((o) => [o.orderId, o]));
    expect(byId.get(refunded)).toMatchObject({
      replayed: { status: 'REJECTED', version: 5, compensationsDone: ['REFUND_PAYMENT'] },
    });
    expect(result.log.records).toBeGreaterThanOrEqual(12);
    expect(result.log.partitions).toBe(3);
    expect(await replayGroups()).toEqual([]);
  });

  test('--all: every order of the log, ours among them as matches', async () => {
    const result = await replayOrders({
      brokers: infra.kafkaBrokers,
      orderServiceUrl: order.url,
      selection: { all: true },
    });
    const ours = result.outcomes.filter((o) => orderIds.includes(o.orderId));
    expect(ours.map((o) => o.kind)).toEqual(['match', 'match', 'match']);
    expect(result.outcomes.length).toBeGreaterThanOrEqual(3);
  });

  test('through the CLI: a line per order, the summary, exit code 0', async () => {
    const { code, stdout, stderr } = await runCli([
      'replay',
      ...orderIds.flatMap((id) => ['--order', id]),
      '--order-service',
      order.url,
    ]);
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain(`✓ ${approved} match (5 events, APPROVED)`);
    expect(stdout).toContain(`✓ ${declined} match (2 events, REJECTED)`);
    expect(stdout).toContain(`✓ ${refunded} match (5 events, REJECTED)`);
    expect(stdout).toMatch(/3 order\(s\) replayed from \d+ record\(s\) of order\.events .* events\/s/);
    expect(stdout).toContain('OK: every order matches what GET serves');
  });

  test('an order neither side knows, unreachable order-service or Kafka, bad arguments: said so', async () => {
    const unknown = randomUUID();
    const result = await replay([unknown], { catchUpMs: 0 });
    expect(result.outcomes).toEqual([{ kind: 'not-found', orderId: unknown }]);
    expect(result.ok).toBe(false);

    const nowhere = await closedPortUrl();
    await expect(replay([unknown], { orderServiceUrl: nowhere })).rejects.toMatchObject({
      name: 'ReplayError',
      message: `cannot reach order-service at ${nowhere} (GET /health: ECONNREFUSED)`,
    });
    await expect(replay([unknown], { brokers: [new URL(nowhere).host] })).rejects.toMatchObject({
      message: expect.stringContaining(`cannot reach Kafka at ${new URL(nowhere).host}: `),
      hint: expect.stringContaining('KAFKA_BROKERS'),
    });

    const bad = await runCli(['replay', '--order', 'not-a-uuid']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('✗ --order "not-a-uuid" is not an order id');
    const down = await runCli(['replay', '--all', '--order-service', nowhere]);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain(`✗ cannot reach order-service at ${nowhere} (GET /health: ECONNREFUSED)`);
    expect(down.stderr).toContain('→ start it');
  });

  describe('after an event is appended to order_events behind the outbox', () => {
    const eventId = randomUUID();
    const occurredAt = new Date().toISOString();
    const payload = { orderId: '', step: 'PAYMENT', replyType: 'PaymentAuthorized', action: 'NONE' };
    let published = false;

    beforeAll(async () => {
      payload.orderId = refunded;
      // Stored, so GET folds it; never written to the outbox, so order.events does not carry it.
      await queryDb(
        'order',
        `INSERT INTO order_events
           (stream_id, version, event_id, type, schema_version, payload, correlation_id, causation_id, occurred_at)
         SELECT $1, max(version) + 1, $2, 'OrderLateReplyHandled', 1, $3, 'replay-int-spec', NULL, $4
           FROM order_events WHERE stream_id = $1`,
        [refunded, eventId, JSON.stringify(payload), occurredAt],
      );
    });

    afterAll(async () => {
      // Once the event is on the log too, store and log agree again; otherwise take it back out of the store.
      if (!published) await queryDb('order', 'DELETE FROM order_events WHERE event_id = $1', [eventId]);
    });

    test('the replay reports exactly that order, naming the fields and the unpublished event', async () => {
      const result = await replay(orderIds, { catchUpMs: 1_000 });

      expect(kinds(result.outcomes)).toEqual({
        [approved]: 'match',
        [declined]: 'match',
        [refunded]: 'mismatch',
      });
      expect(result.ok).toBe(false);
      const mismatch = result.outcomes.find((o) => o.orderId === refunded);
      expect(mismatch).toMatchObject({
        kind: 'mismatch',
        servedVersion: 6,
        streams: { onlyServed: [{ version: 6, type: 'OrderLateReplyHandled', eventId }], onlyInLog: [] },
      });
      expect(mismatch?.kind === 'mismatch' && mismatch.differences.map((d) => d.path)).toEqual([
        'updatedAt',
        'version',
      ]);
      expect(mismatch?.kind === 'mismatch' && mismatch.differences.at(-1)).toEqual({
        path: 'version',
        log: 5,
        served: 6,
      });
      expect(result.counts).toMatchObject({ replayed: 3, matches: 2, mismatches: 1 });
    });

    test('through the CLI: that order as a mismatch with the differing fields, exit code 1', async () => {
      const { code, stdout } = await runCli([
        'replay',
        ...orderIds.flatMap((id) => ['--order', id]),
        '--order-service',
        order.url,
      ]);
      expect(code).toBe(1);
      expect(stdout).toContain(`✓ ${approved} match`);
      expect(stdout).toContain(`✓ ${declined} match`);
      expect(stdout).toContain(`✗ ${refunded} mismatch: 2 field(s) differ (path, log, served)`);
      expect(stdout).toMatch(/ {4}version {4}log 5 +served 6\n/);
      expect(stdout).toContain(`in order_events, not on order.events: v6 OrderLateReplyHandled ${eventId}`);
      expect(stdout).toContain('FAILED: 1 of 3 order(s) do not match');
    });

    test('once the event reaches order.events late, the replay reads on and the order matches again', async () => {
      const progress: string[] = [];
      const running = replay(orderIds, {
        catchUpMs: 60_000,
        onProgress: (message) => progress.push(message),
      });
      running.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
      await waitFor(
        'the replay to read on for the order GET shows further along',
        async () =>
          progress.some((m) => m.startsWith('GET shows 1 order(s) further along')) ? true : undefined,
        30_000,
      );
      // What the outbox relay would have published: the same envelope, keyed by the order id.
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: Topics.orderEvents,
        messages: [
          {
            key: refunded,
            value: JSON.stringify({
              eventId,
              type: 'OrderLateReplyHandled',
              schemaVersion: 1,
              occurredAt,
              aggregateType: 'order',
              aggregateId: refunded,
              correlationId: 'replay-int-spec',
              causationId: null,
              payload,
            }),
            headers: { id: eventId, eventType: 'OrderLateReplyHandled' },
          },
        ],
      });
      await producer.disconnect();
      published = true;

      const result = await running;
      expect(kinds(result.outcomes)).toEqual({
        [approved]: 'match',
        [declined]: 'match',
        [refunded]: 'match',
      });
      expect(result.ok).toBe(true);
      expect(result.log.caughtUp).toBeGreaterThanOrEqual(1);
      expect(result.outcomes.find((o) => o.orderId === refunded)).toMatchObject({
        replayed: { version: 6, updatedAt: occurredAt },
      });
    });
  });
});
