import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KafkaMessage, Producer } from 'kafkajs';
import pg from 'pg';
import {
  AggregateTypes,
  AuthorizePayment,
  DlqHeaders,
  type EventEnvelope,
  RefundPayment,
  Topics,
  dlqTopicFor,
} from '@edr/contracts';
import { buildMessage } from '@edr/outbox';
import { type RunningService, header, infra, kafka, recordTap, startService, waitFor } from '@edr/testing';

jest.setTimeout(120_000);

const databaseUrl = infra.databaseUrl('payment');
const consumerGroup = 'payment-service';

const startPaymentService = (env: Record<string, string> = {}) =>
  startService({
    name: 'payment-service',
    port: 4102,
    env: {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      CONSUMER_BACKOFF_MS: '20',
      CONSUMER_MAX_BACKOFF_MS: '100',
      CONSUMER_MAX_ATTEMPTS: '3',
      ...env,
    },
  });

type Tap = Awaited<ReturnType<typeof recordTap>>;
type Command = EventEnvelope & { payload: { orderId: string } };

const authorizeCommand = (orderId: string, customerId: string, amount: number, attempt = 1): Command =>
  buildMessage(AuthorizePayment, {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    payload: { orderId, customerId, amount, attempt },
    correlationId: `payment-test-${randomUUID()}`,
    causationId: null,
  });

const refundCommand = (orderId: string, attempt = 1): Command =>
  buildMessage(RefundPayment, {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    payload: { orderId, attempt },
    correlationId: `payment-test-${randomUUID()}`,
    causationId: null,
  });

/** The order total as the orchestrator computes it: sum of quantity × unitPrice, in cents. */
const orderTotal = (items: ReadonlyArray<{ quantity: number; unitPrice: number }>) =>
  items.reduce((cents, item) => cents + item.quantity * Math.round(item.unitPrice * 100), 0) / 100;

async function queryPaymentDb<T = Record<string, unknown>>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

interface Reply {
  readonly message: KafkaMessage;
  readonly envelope: EventEnvelope<Record<string, any>>;
}

describe('payment-service (real Postgres, Kafka, Debezium)', () => {
  let payment: RunningService;
  let events: Tap;
  let deadLetters: Tap;
  let producer: Producer;

  const send = async (commands: readonly Command[], partition?: number) => {
    await producer.send({
      topic: Topics.paymentCommands,
      messages: commands.map((command) => ({
        key: command.payload.orderId,
        value: JSON.stringify(command),
        headers: { id: command.eventId, eventType: command.type, correlationId: command.correlationId },
        partition,
      })),
    });
  };

  const repliesFor = (orderId: string): Reply[] =>
    events.records
      .filter((m) => m.key?.toString() === orderId)
      .map((message) => ({ message, envelope: JSON.parse(message.value!.toString()) }));

  /** The reply caused by `command` (its causationId is the command's id). */
  const replyTo = (command: Command, timeoutMs = 30_000) =>
    waitFor(
      `the reply to ${command.type} ${command.eventId}`,
      async () => repliesFor(command.payload.orderId).find((r) => r.envelope.causationId === command.eventId),
      timeoutMs,
    );

  /**
   * Sends a RefundPayment for the order and waits for its answer. Replies of one order are keyed by its id, so they
   * arrive in order on one partition: once this one is here, any earlier reply (a duplicate, say) is here as well.
   */
  const barrier = async (orderId: string) => {
    const refund = refundCommand(orderId);
    await send([refund]);
    return replyTo(refund);
  };

  const getJson = async (path: string) => {
    const response = await fetch(`${payment.url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  const putJson = async (path: string, body: unknown) => {
    const response = await fetch(`${payment.url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  /** Until the service's group has committed every record on payment.commands: nothing is left to redeliver. */
  const waitForCommandsCommitted = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(`${consumerGroup} to commit all of ${Topics.paymentCommands}`, async () => {
        const ends = await admin.fetchTopicOffsets(Topics.paymentCommands);
        const [committed] = await admin.fetchOffsets({
          groupId: consumerGroup,
          topics: [Topics.paymentCommands],
        });
        const caughtUp = ends.every((end) => {
          const offset = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          return end.high === '0' || BigInt(offset) >= BigInt(end.high);
        });
        return caughtUp ? true : undefined;
      });
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    payment = await startPaymentService();
    [events, deadLetters] = await Promise.all([
      recordTap(Topics.paymentEvents),
      recordTap(dlqTopicFor(Topics.paymentCommands)),
    ]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.allSettled([events?.stop(), deadLetters?.stop(), producer?.disconnect()]);
    await payment?.stop();
  });

  test('happy path: the order total is authorized and captured; the reply is keyed, labelled and caused by the command', async () => {
    const orderId = randomUUID();
    const customerId = `cust-${randomUUID().slice(0, 8)}`;
    const total = orderTotal([
      { quantity: 2, unitPrice: 12.5 },
      { quantity: 1, unitPrice: 8.99 },
    ]);
    const command = authorizeCommand(orderId, customerId, total);
    await send([command]);

    const reply = await replyTo(command);
    expect(reply.envelope).toMatchObject({
      type: 'PaymentAuthorized',
      aggregateType: 'payment',
      aggregateId: orderId,
      correlationId: command.correlationId,
      causationId: command.eventId,
      payload: { orderId, customerId, amount: 33.99, paymentId: expect.any(String) },
    });
    expect(header(reply.message, 'id')).toBe(reply.envelope.eventId);
    expect(header(reply.message, 'eventType')).toBe('PaymentAuthorized');
    expect(header(reply.message, 'correlationId')).toBe(command.correlationId);
    expect(header(reply.message, 'causationId')).toBe(command.eventId);

    const { status, body } = await getJson(`/payments/${orderId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      orderId,
      paymentId: reply.envelope.payload.paymentId,
      customerId,
      amount: 33.99,
      status: 'AUTHORIZED',
      capturedAmount: 33.99,
      refundedAmount: 0,
      declineCode: null,
      refundedAt: null,
    });
    expect(body.authorizedAt).toEqual(expect.any(String));
  });

  test('over the limit: declined with CREDIT_LIMIT_EXCEEDED; equal to the limit is accepted, each order on its own', async () => {
    const [over, equal, again] = [randomUUID(), randomUUID(), randomUUID()];
    const commands = [
      authorizeCommand(over, 'cust-small', 100.01),
      authorizeCommand(equal, 'cust-small', 100),
      authorizeCommand(again, 'cust-small', 100),
    ];
    await send(commands);
    const [declined, accepted, acceptedAgain] = await Promise.all(commands.map((c) => replyTo(c)));

    expect(declined.envelope).toMatchObject({
      type: 'PaymentDeclined',
      payload: {
        orderId: over,
        customerId: 'cust-small',
        amount: 100.01,
        code: 'CREDIT_LIMIT_EXCEEDED',
        detail: 'amount 100.01 exceeds the credit limit 100.00 of customer cust-small',
      },
    });
    expect(accepted.envelope).toMatchObject({ type: 'PaymentAuthorized', payload: { amount: 100 } });
    expect(acceptedAgain.envelope).toMatchObject({ type: 'PaymentAuthorized', payload: { amount: 100 } });
    expect((await getJson(`/payments/${over}`)).body).toMatchObject({
      status: 'DECLINED',
      amount: 100.01,
      capturedAmount: 0,
      declineCode: 'CREDIT_LIMIT_EXCEEDED',
      paymentId: expect.any(String),
    });
  });

  test('a customer without a record has the default limit 5000: 5000 is accepted, 5000.01 declined', async () => {
    const customerId = `cust-${randomUUID().slice(0, 8)}`;
    expect((await getJson(`/credit-limits/${customerId}`)).body).toEqual({
      customerId,
      creditLimit: 5000,
      source: 'DEFAULT',
    });
    const commands = [
      authorizeCommand(randomUUID(), customerId, 5000),
      authorizeCommand(randomUUID(), customerId, 5000.01),
    ];
    await send(commands);
    const [accepted, declined] = await Promise.all(commands.map((c) => replyTo(c)));
    expect(accepted.envelope).toMatchObject({ type: 'PaymentAuthorized', payload: { amount: 5000 } });
    expect(declined.envelope).toMatchObject({
      type: 'PaymentDeclined',
      payload: { code: 'CREDIT_LIMIT_EXCEEDED', amount: 5000.01 },
    });
    expect(declined.envelope.payload.detail).toContain('default credit limit 5000.00');
  });

  test('credit limits over HTTP: seeded, set by PUT /admin/credit-limits, validated, and used by the next authorization', async () => {
    expect((await getJson('/credit-limits/cust-vip')).body).toEqual({
      customerId: 'cust-vip',
      creditLimit: 100000,
      source: 'RECORD',
    });
    const customerId = `cust-${randomUUID().slice(0, 8)}`;
    expect(await putJson(`/admin/credit-limits/${customerId}`, { creditLimit: 250 })).toEqual({
      status: 200,
      body: { customerId, creditLimit: 250, source: 'RECORD' },
    });
    expect((await getJson(`/credit-limits/${customerId}`)).body).toMatchObject({
      creditLimit: 250,
      source: 'RECORD',
    });

    const invalid = await putJson(`/admin/credit-limits/${customerId}`, { creditLimit: -1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ errors: [{ field: 'creditLimit' }] });
    expect((await putJson(`/admin/credit-limits/${customerId}`, { creditLimit: 1.005 })).status).toBe(400);

    const command = authorizeCommand(randomUUID(), customerId, 250.01);
    await send([command]);
    expect((await replyTo(command)).envelope.payload).toMatchObject({ code: 'CREDIT_LIMIT_EXCEEDED' });
  });

  test('GET /payments/{orderId}: 400 naming the field for a non-uuid, 404 for an unknown order', async () => {
    const malformed = await getJson('/payments/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ errors: [{ field: 'orderId' }] });
    expect((await getJson(`/payments/${randomUUID()}`)).status).toBe(404);
  });

  test('the same record delivered twice is applied and answered once', async () => {
    const orderId = randomUUID();
    const command = authorizeCommand(orderId, 'cust-vip', 10);
    await send([command, command]);
    await replyTo(command);
    await barrier(orderId);

    const answers = repliesFor(orderId).filter((r) => r.envelope.causationId === command.eventId);
    expect(answers).toHaveLength(1);
    expect(await queryPaymentDb('SELECT 1 FROM inbox WHERE message_id = $1', [command.eventId])).toHaveLength(
      1,
    );
  });

  test('a retried Authorize (new message id) charges nothing more and re-sends the recorded outcome', async () => {
    const orderId = randomUUID();
    const first = authorizeCommand(orderId, 'cust-vip', 77.7);
    await send([first]);
    const original = await replyTo(first);
    const retry = authorizeCommand(orderId, 'cust-vip', 77.7, 2);
    await send([retry]);
    const resent = await replyTo(retry);
    expect(resent.envelope.type).toBe('PaymentAuthorized');
    expect(resent.envelope.payload).toEqual(original.envelope.payload);
    expect(resent.envelope.eventId).not.toBe(original.envelope.eventId);
    expect(await queryPaymentDb('SELECT 1 FROM payments WHERE order_id = $1', [orderId])).toHaveLength(1);

    // A decline is re-sent the same way, even after the limit was raised.
    const customerId = `cust-${randomUUID().slice(0, 8)}`;
    await putJson(`/admin/credit-limits/${customerId}`, { creditLimit: 1 });
    const declinedOrder = randomUUID();
    const declined = authorizeCommand(declinedOrder, customerId, 2);
    await send([declined]);
    const declinedReply = await replyTo(declined);
    await putJson(`/admin/credit-limits/${customerId}`, { creditLimit: 1000 });
    const declinedRetry = authorizeCommand(declinedOrder, customerId, 2, 2);
    await send([declinedRetry]);
    expect((await replyTo(declinedRetry)).envelope.payload).toEqual(declinedReply.envelope.payload);
  });

  test('two Authorizes for one order handled concurrently (different partitions) record one payment', async () => {
    const orderId = randomUUID();
    const [a, b] = [
      authorizeCommand(orderId, 'cust-vip', 12.34),
      authorizeCommand(orderId, 'cust-vip', 12.34, 2),
    ];
    await Promise.all([send([a], 0), send([b], 1)]);
    const [replyA, replyB] = await Promise.all([replyTo(a), replyTo(b)]);
    expect(replyA.envelope.payload).toEqual(replyB.envelope.payload);
    expect(await queryPaymentDb('SELECT 1 FROM payments WHERE order_id = $1', [orderId])).toHaveLength(1);
  });

  test('refund after authorize refunds what was captured, once; a second refund refunds 0', async () => {
    const orderId = randomUUID();
    const authorize = authorizeCommand(orderId, 'cust-vip', 250.5);
    await send([authorize]);
    const authorized = await replyTo(authorize);
    const paymentId = authorized.envelope.payload.paymentId;

    const [first, second] = [refundCommand(orderId), refundCommand(orderId, 2)];
    await send([first, second]);
    expect((await replyTo(first)).envelope).toMatchObject({
      type: 'PaymentRefunded',
      payload: { orderId, paymentId, amountRefunded: 250.5, totalRefunded: 250.5 },
    });
    expect((await replyTo(second)).envelope.payload).toEqual({
      orderId,
      paymentId,
      amountRefunded: 0,
      totalRefunded: 250.5,
    });
    const { body } = await getJson(`/payments/${orderId}`);
    expect(body).toMatchObject({ status: 'REFUNDED', capturedAmount: 250.5, refundedAmount: 250.5 });
    expect(body.refundedAt).toEqual(expect.any(String));

    // A declined payment has nothing to refund; the reply still names it.
    const declinedOrder = randomUUID();
    const declined = authorizeCommand(declinedOrder, 'cust-blocked', 1);
    await send([declined]);
    await replyTo(declined);
    const refund = refundCommand(declinedOrder);
    await send([refund]);
    const declinedPaymentId = (await getJson(`/payments/${declinedOrder}`)).body.paymentId;
    expect((await replyTo(refund)).envelope.payload).toEqual({
      orderId: declinedOrder,
      paymentId: declinedPaymentId,
      amountRefunded: 0,
      totalRefunded: 0,
    });
  });

  test('the database refuses a refund above the capture', async () => {
    const orderId = randomUUID();
    const command = authorizeCommand(orderId, 'cust-vip', 5);
    await send([command]);
    await replyTo(command);
    await expect(
      queryPaymentDb('UPDATE payments SET refunded_amount = captured_amount + 0.01 WHERE order_id = $1', [
        orderId,
      ]),
    ).rejects.toThrow(/payments_refund_within_capture/);
  });

  test('refund before authorize leaves a tombstone; the late Authorize is refused with ALREADY_COMPENSATED', async () => {
    const orderId = randomUUID();
    const refund = refundCommand(orderId);
    await send([refund]);
    expect((await replyTo(refund)).envelope.payload).toEqual({
      orderId,
      paymentId: null,
      amountRefunded: 0,
      totalRefunded: 0,
    });
    expect((await getJson(`/payments/${orderId}`)).body).toMatchObject({
      status: 'VOIDED',
      paymentId: null,
      amount: 0,
      capturedAmount: 0,
    });

    const late = authorizeCommand(orderId, 'cust-vip', 40);
    await send([late]);
    expect((await replyTo(late)).envelope).toMatchObject({
      type: 'PaymentDeclined',
      payload: { orderId, customerId: 'cust-vip', amount: 40, code: 'ALREADY_COMPENSATED' },
    });
    expect((await getJson(`/payments/${orderId}`)).body).toMatchObject({
      status: 'VOIDED',
      capturedAmount: 0,
    });
  });

  test('PUT /admin/faults declineProbability 1 declines with INJECTED_FAILURE; DELETE resets', async () => {
    const put = await putJson('/admin/faults', { declineProbability: 1 });
    expect(put).toMatchObject({ status: 200, body: { declineProbability: 1 } });
    const orderId = randomUUID();
    const command = authorizeCommand(orderId, 'cust-vip', 1);
    try {
      await send([command]);
      expect((await replyTo(command)).envelope).toMatchObject({
        type: 'PaymentDeclined',
        payload: { code: 'INJECTED_FAILURE', amount: 1 },
      });
    } finally {
      await fetch(`${payment.url}/admin/faults`, { method: 'DELETE' });
    }
    expect((await getJson('/admin/faults')).body).toMatchObject({ declineProbability: 0 });
    const next = authorizeCommand(randomUUID(), 'cust-vip', 1);
    await send([next]);
    expect((await replyTo(next)).envelope.type).toBe('PaymentAuthorized');
  });

  test('an injected transient error is retried, then dead-lettered with dlq.error; the partition moves on', async () => {
    expect((await putJson('/admin/faults', { errorProbability: 1 })).status).toBe(200);
    const poisoned = authorizeCommand(randomUUID(), 'cust-vip', 3);
    try {
      await send([poisoned], 0);
      const dead = await deadLetters.find(
        (m) => m.key?.toString() === poisoned.payload.orderId,
        'the failing command in the DLQ',
      );
      expect(header(dead, DlqHeaders.error)).toMatch(/InjectedTransientError/);
      expect(header(dead, DlqHeaders.attempts)).toBe('3');
      expect(header(dead, DlqHeaders.originalTopic)).toBe(Topics.paymentCommands);
      expect(JSON.parse(dead.value!.toString())).toMatchObject({ eventId: poisoned.eventId });
    } finally {
      await fetch(`${payment.url}/admin/faults`, { method: 'DELETE' });
    }
    const next = authorizeCommand(randomUUID(), 'cust-vip', 3);
    await send([next], 0);
    expect((await replyTo(next)).envelope.type).toBe('PaymentAuthorized');
    expect((await getJson(`/payments/${poisoned.payload.orderId}`)).status).toBe(404);
  });

  test('crash after N messages (SIGKILL): after a restart every command is answered exactly once', async () => {
    await waitForCommandsCommitted();
    await payment.stop();
    payment = await startPaymentService({ FAULT_CRASH_AFTER_MESSAGES: '1' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      payment.process.once('exit', (_code, signal) => resolve(signal)),
    );

    const orderId = randomUUID();
    const authorize = authorizeCommand(orderId, 'cust-vip', 60);
    const refund = refundCommand(orderId);
    await send([authorize, refund]);
    expect(await exited).toBe('SIGKILL');

    payment = await startPaymentService();
    expect((await replyTo(authorize, 60_000)).envelope.type).toBe('PaymentAuthorized');
    expect((await replyTo(refund, 60_000)).envelope.payload).toMatchObject({ amountRefunded: 60 });
    await barrier(orderId);

    const types = repliesFor(orderId).map((r) => r.envelope.type);
    expect(types).toEqual(['PaymentAuthorized', 'PaymentRefunded', 'PaymentRefunded']);
    expect((await getJson(`/payments/${orderId}`)).body).toMatchObject({
      status: 'REFUNDED',
      refundedAmount: 60,
    });
  });
});
