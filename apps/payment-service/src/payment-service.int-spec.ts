import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KafkaMessage, Producer } from 'kafkajs';
import pg from 'pg';
import {
  AggregateTypes,
  AuthorizePayment,
  CustomerCreated,
  CustomerFlagCleared,
  CustomerFlagged,
  CustomerRegistrationFailed,
  CustomerRegistrationStarted,
  DlqHeaders,
  type EventEnvelope,
  type MessageDefinition,
  OrderLabelOverdue,
  type PayloadOf,
  PurchaseEnriched,
  RefundPayment,
  Topics,
  dlqTopicFor,
} from '@edr/contracts';
import { buildMessage } from '@edr/outbox';
import {
  type RunningService,
  drained,
  header,
  infra,
  kafka,
  recordTap,
  startService,
  waitFor,
} from '@edr/testing';

jest.setTimeout(120_000);

const databaseUrl = infra.databaseUrl('payment');
const consumerGroup = 'payment-service';
const customerCopyGroup = 'payment-customer-copy';
/** Short, so the tests that wait it out stay fast; the service's default is 3000 ms. */
const customerWaitMs = 1_500;

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
      PAYMENT_CUSTOMER_WAIT_MS: String(customerWaitMs),
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

type CustomerEvent = EventEnvelope & { payload: { customerId: string } };

const customerEvent = <P extends { customerId: string }>(
  definition: typeof CustomerRegistrationStarted | typeof CustomerCreated | typeof CustomerRegistrationFailed,
  payload: P,
): CustomerEvent =>
  buildMessage(definition, {
    aggregateType: AggregateTypes.customer,
    aggregateId: payload.customerId,
    payload,
    correlationId: `customer-test-${randomUUID()}`,
    causationId: null,
  } as never) as CustomerEvent;

const registrationStarted = (customerId: string) =>
  customerEvent(CustomerRegistrationStarted, {
    customerId,
    registrationDeadline: new Date(Date.now() + 10_000).toISOString(),
  });

const customerCreated = (customerId: string, creditLimit: number) =>
  customerEvent(CustomerCreated, {
    customerId,
    name: 'Ada Lovelace',
    email: `${customerId}@example.com`,
    phone: '+49 30 1234567',
    address: { line1: 'Main St 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    creditLimit,
    activatedAt: new Date().toISOString(),
  });

const registrationFailed = (customerId: string) =>
  customerEvent(CustomerRegistrationFailed, {
    customerId,
    reason: { part: 'contact', code: 'EMAIL_IN_USE', detail: `email ${customerId}@example.com is in use` },
    failedAt: new Date().toISOString(),
  });

/** A projection.events envelope as projection-service's outbox writes it (aggregate `projection`). */
const projectionEvent = <D extends MessageDefinition>(
  definition: D,
  aggregateId: string,
  payload: PayloadOf<D>,
) =>
  buildMessage(definition, {
    aggregateType: AggregateTypes.projection,
    aggregateId,
    payload,
    correlationId: `projection-test-${randomUUID()}`,
    causationId: null,
  });

const customerFlagged = (customerId: string, rule = 'repeated-payment-declines') => {
  const flaggedAt = new Date().toISOString();
  return projectionEvent(CustomerFlagged, customerId, {
    customerId,
    rule,
    evidence: [{ eventId: randomUUID(), type: 'PaymentDeclined', occurredAt: flaggedAt }],
    windowMs: 600_000,
    flaggedAt,
  });
};

const flagCleared = (customerId: string, clearedBy = 'ops-ada') =>
  projectionEvent(CustomerFlagCleared, customerId, {
    customerId,
    clearedBy,
    note: 'spoke to the customer',
    clearedAt: new Date().toISOString(),
  });

/** A customer id of this run, so rows of earlier runs never answer for it. */
const newCustomerId = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

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

  const publishCustomerEvents = async (events: readonly CustomerEvent[]) => {
    await producer.send({
      topic: Topics.customerEvents,
      messages: events.map((event) => ({
        key: event.payload.customerId,
        value: JSON.stringify(event),
        headers: { id: event.eventId, eventType: event.type, correlationId: event.correlationId },
      })),
    });
  };

  /** Produces projection.events records as projection-service's outbox would: keyed by the aggregate id, labelled. */
  const publishProjectionEvents = async (events: readonly EventEnvelope[]) => {
    await producer.send({
      topic: Topics.projectionEvents,
      messages: events.map((event) => ({
        key: event.aggregateId,
        value: JSON.stringify(event),
        headers: { id: event.eventId, eventType: event.type, correlationId: event.correlationId },
      })),
    });
  };

  /** Until GET /customers/{id}/credit shows the customer's flag in `state`, with the flag of `flagEvent`. */
  const flagIs = (customerId: string, state: 'HELD' | 'CLEARED', flagEvent: EventEnvelope) =>
    waitFor(`the flag of ${customerId} to be ${state}`, async () => {
      const { status: http, body } = await getJson(`/customers/${customerId}/credit`);
      return http === 200 && body.flag?.state === state && body.flag.flagEventId === flagEvent.eventId
        ? body
        : undefined;
    });

  /** Until payment's copy shows the customer in `status`. */
  const copyIs = (customerId: string, status: 'PENDING' | 'ACTIVE' | 'FAILED') =>
    waitFor(`the copy of ${customerId} to be ${status}`, async () => {
      const { status: http, body } = await getJson(`/customers/${customerId}/credit`);
      return http === 200 && body.status === status ? body : undefined;
    });

  /** A customer that is ACTIVE in payment's copy, with `creditLimit`. */
  const registeredCustomer = async (label: string, creditLimit: number) => {
    const customerId = newCustomerId(label);
    await publishCustomerEvents([registrationStarted(customerId), customerCreated(customerId, creditLimit)]);
    await copyIs(customerId, 'ACTIVE');
    return customerId;
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

  let vip: string;
  let small: string;
  let blocked: string;

  beforeAll(async () => {
    payment = await startPaymentService();
    [events, deadLetters] = await Promise.all([
      recordTap(Topics.paymentEvents),
      recordTap(dlqTopicFor(Topics.paymentCommands)),
    ]);
    producer = kafka.producer();
    await producer.connect();
    // Like the seeded demo customers of customer-service, under ids of this run.
    [vip, small, blocked] = await Promise.all([
      registeredCustomer(vip, 100_000),
      registeredCustomer(small, 100),
      registeredCustomer(blocked, 0),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([events?.stop(), deadLetters?.stop(), producer?.disconnect()]);
    await payment?.stop();
  });

  test('happy path: the order total is authorized and captured; the reply is keyed, labelled and caused by the command', async () => {
    const orderId = randomUUID();
    const customerId = await registeredCustomer('cust-standard', 1000);
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
      authorizeCommand(over, small, 100.01),
      authorizeCommand(equal, small, 100),
      authorizeCommand(again, small, 100),
    ];
    await send(commands);
    const [declined, accepted, acceptedAgain] = await Promise.all(commands.map((c) => replyTo(c)));

    expect(declined.envelope).toMatchObject({
      type: 'PaymentDeclined',
      payload: {
        orderId: over,
        customerId: small,
        amount: 100.01,
        code: 'CREDIT_LIMIT_EXCEEDED',
        detail: `amount 100.01 exceeds the credit limit 100.00 of customer ${small}`,
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

  test('GET /payments/{orderId}: 400 naming the field for a non-uuid, 404 for an unknown order', async () => {
    const malformed = await getJson('/payments/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ errors: [{ field: 'orderId' }] });
    expect((await getJson(`/payments/${randomUUID()}`)).status).toBe(404);
  });

  test('the same record delivered twice is applied and answered once', async () => {
    const orderId = randomUUID();
    const command = authorizeCommand(orderId, vip, 10);
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
    const first = authorizeCommand(orderId, vip, 77.7);
    await send([first]);
    const original = await replyTo(first);
    const retry = authorizeCommand(orderId, vip, 77.7, 2);
    await send([retry]);
    const resent = await replyTo(retry);
    expect(resent.envelope.type).toBe('PaymentAuthorized');
    expect(resent.envelope.payload).toEqual(original.envelope.payload);
    expect(resent.envelope.eventId).not.toBe(original.envelope.eventId);
    expect(await queryPaymentDb('SELECT 1 FROM payments WHERE order_id = $1', [orderId])).toHaveLength(1);

    // A decline is re-sent the same way.
    const declinedOrder = randomUUID();
    const declined = authorizeCommand(declinedOrder, small, 200);
    await send([declined]);
    const declinedReply = await replyTo(declined);
    const declinedRetry = authorizeCommand(declinedOrder, small, 200, 2);
    await send([declinedRetry]);
    expect((await replyTo(declinedRetry)).envelope.payload).toEqual(declinedReply.envelope.payload);
  });

  test('two Authorizes for one order handled concurrently (different partitions) record one payment', async () => {
    const orderId = randomUUID();
    const [a, b] = [authorizeCommand(orderId, vip, 12.34), authorizeCommand(orderId, vip, 12.34, 2)];
    await Promise.all([send([a], 0), send([b], 1)]);
    const [replyA, replyB] = await Promise.all([replyTo(a), replyTo(b)]);
    expect(replyA.envelope.payload).toEqual(replyB.envelope.payload);
    expect(await queryPaymentDb('SELECT 1 FROM payments WHERE order_id = $1', [orderId])).toHaveLength(1);
  });

  test('refund after authorize refunds what was captured, once; a second refund refunds 0', async () => {
    const orderId = randomUUID();
    const authorize = authorizeCommand(orderId, vip, 250.5);
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
    const declined = authorizeCommand(declinedOrder, blocked, 1);
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
    const command = authorizeCommand(orderId, vip, 5);
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

    const late = authorizeCommand(orderId, vip, 40);
    await send([late]);
    expect((await replyTo(late)).envelope).toMatchObject({
      type: 'PaymentDeclined',
      payload: { orderId, customerId: vip, amount: 40, code: 'ALREADY_COMPENSATED' },
    });
    expect((await getJson(`/payments/${orderId}`)).body).toMatchObject({
      status: 'VOIDED',
      capturedAmount: 0,
    });
  });

  test("the copy: ACTIVE customers are authorized with the copy's limit; GET /customers/{id}/credit shows it", async () => {
    const customerId = await registeredCustomer('cust-copy', 250);
    expect((await getJson(`/customers/${customerId}/credit`)).body).toMatchObject({
      customerId,
      status: 'ACTIVE',
      creditLimit: 250,
      failureCode: null,
    });
    const commands = [
      authorizeCommand(randomUUID(), customerId, 250),
      authorizeCommand(randomUUID(), customerId, 250.01),
    ];
    await send(commands);
    const [accepted, declined] = await Promise.all(commands.map((c) => replyTo(c)));
    expect(accepted.envelope).toMatchObject({ type: 'PaymentAuthorized', payload: { amount: 250 } });
    expect(declined.envelope.payload).toMatchObject({
      code: 'CREDIT_LIMIT_EXCEEDED',
      detail: `amount 250.01 exceeds the credit limit 250.00 of customer ${customerId}`,
    });

    expect((await getJson(`/customers/${newCustomerId('cust-none')}/credit`)).status).toBe(404);
    const malformed = await getJson('/customers/not%20an%20id/credit');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ errors: [{ field: 'customerId' }] });
  });

  test('a FAILED registration: declined CUSTOMER_REGISTRATION_FAILED at once', async () => {
    const customerId = newCustomerId('cust-failed');
    await publishCustomerEvents([registrationStarted(customerId), registrationFailed(customerId)]);
    expect(await copyIs(customerId, 'FAILED')).toMatchObject({
      failureCode: 'EMAIL_IN_USE',
      creditLimit: null,
    });
    const command = authorizeCommand(randomUUID(), customerId, 1);
    await send([command]);
    expect((await replyTo(command)).envelope.payload).toMatchObject({
      code: 'CUSTOMER_REGISTRATION_FAILED',
      detail: expect.stringContaining('EMAIL_IN_USE'),
    });
  });

  test('an unknown customer: the authorization waits (no reply), then is declined CUSTOMER_UNKNOWN once the wait passes', async () => {
    const orderId = randomUUID();
    const customerId = newCustomerId('cust-unknown');
    const command = authorizeCommand(orderId, customerId, 10);
    await send([command]);
    await waitFor('the authorization to wait', async () => {
      const { body } = await getJson(`/payments/${orderId}`);
      return body.status === 'AWAITING_CUSTOMER' ? body : undefined;
    });
    expect(repliesFor(orderId)).toEqual([]);

    const declined = await replyTo(command);
    expect(declined.envelope).toMatchObject({
      type: 'PaymentDeclined',
      correlationId: command.correlationId,
      causationId: command.eventId,
      payload: { orderId, customerId, amount: 10, code: 'CUSTOMER_UNKNOWN' },
    });
    expect(declined.envelope.payload.detail).toContain(`within ${customerWaitMs} ms`);
    expect((await getJson(`/payments/${orderId}`)).body).toMatchObject({
      status: 'DECLINED',
      declineCode: 'CUSTOMER_UNKNOWN',
      awaitingUntil: null,
      capturedAmount: 0,
    });
  });

  test('a customer still PENDING when the wait passes: declined CUSTOMER_PENDING', async () => {
    const customerId = newCustomerId('cust-slow');
    await publishCustomerEvents([registrationStarted(customerId)]);
    await copyIs(customerId, 'PENDING');
    const command = authorizeCommand(randomUUID(), customerId, 10);
    await send([command]);
    expect((await replyTo(command)).envelope.payload).toMatchObject({ code: 'CUSTOMER_PENDING' });
  });

  test('the copy lags: AuthorizePayment consumed before CustomerCreated waits, and is authorized when it arrives', async () => {
    const customerId = newCustomerId('cust-lag');
    await publishCustomerEvents([registrationStarted(customerId)]);
    await copyIs(customerId, 'PENDING');
    const [orderA, orderB] = [randomUUID(), randomUUID()];
    const a = authorizeCommand(orderA, customerId, 40);
    const b = authorizeCommand(orderB, customerId, 60);
    await send([a, b]);
    await waitFor('both authorizations to wait', async () => {
      const rows = await queryPaymentDb(
        `SELECT 1 FROM payments WHERE order_id = ANY($1) AND status = 'AWAITING_CUSTOMER'`,
        [[orderA, orderB]],
      );
      return rows.length === 2 ? rows : undefined;
    });
    // Limit 50: the 40 fits, the 60 does not (each order is judged on its own).
    await publishCustomerEvents([customerCreated(customerId, 50)]);
    const [replyA, replyB] = await Promise.all([replyTo(a), replyTo(b)]);
    expect(replyA.envelope).toMatchObject({
      type: 'PaymentAuthorized',
      correlationId: a.correlationId,
      causationId: a.eventId,
      payload: { orderId: orderA, customerId, amount: 40 },
    });
    expect(replyB.envelope).toMatchObject({
      type: 'PaymentDeclined',
      payload: { code: 'CREDIT_LIMIT_EXCEEDED' },
    });
    expect((await getJson(`/payments/${orderA}`)).body).toMatchObject({
      status: 'AUTHORIZED',
      capturedAmount: 40,
      awaitingUntil: null,
    });
  });

  test('an unknown customer whose CustomerCreated arrives during the wait (no Started seen) is authorized', async () => {
    const customerId = newCustomerId('cust-late');
    const command = authorizeCommand(randomUUID(), customerId, 5);
    await send([command]);
    await waitFor('the authorization to wait', async () => {
      const { body } = await getJson(`/payments/${command.payload.orderId}`);
      return body.status === 'AWAITING_CUSTOMER' ? body : undefined;
    });
    await publishCustomerEvents([customerCreated(customerId, 10)]);
    expect((await replyTo(command)).envelope.type).toBe('PaymentAuthorized');
  });

  test('while waiting, a redelivery and a retried AuthorizePayment get no reply of their own; the decision is answered once', async () => {
    const customerId = newCustomerId('cust-dup');
    const orderId = randomUUID();
    const first = authorizeCommand(orderId, customerId, 7);
    const retry = authorizeCommand(orderId, customerId, 7, 2);
    await send([first, first]);
    await waitFor('the authorization to wait', async () => {
      const { body } = await getJson(`/payments/${orderId}`);
      return body.status === 'AWAITING_CUSTOMER' ? body : undefined;
    });
    await send([retry]);
    await waitFor('the retry to be consumed', async () => {
      const rows = await queryPaymentDb('SELECT 1 FROM inbox WHERE message_id = $1', [retry.eventId]);
      return rows.length === 1 ? rows : undefined;
    });
    expect(repliesFor(orderId)).toEqual([]);

    // Duplicated outcome events decide nothing twice.
    const created = customerCreated(customerId, 100);
    await publishCustomerEvents([created, created, customerCreated(customerId, 100)]);
    expect((await replyTo(first)).envelope.type).toBe('PaymentAuthorized');
    await barrier(orderId);
    expect(repliesFor(orderId).map((r) => r.envelope.type)).toEqual(['PaymentAuthorized', 'PaymentRefunded']);
  });

  test('events out of order: CustomerCreated before CustomerRegistrationStarted, and outcomes never move backwards', async () => {
    const customerId = newCustomerId('cust-order');
    await publishCustomerEvents([customerCreated(customerId, 30)]);
    await copyIs(customerId, 'ACTIVE');
    // A late Started, and a Failed after the outcome: the copy stays ACTIVE with its limit.
    await publishCustomerEvents([registrationStarted(customerId), registrationFailed(customerId)]);
    await drained(customerCopyGroup, [Topics.customerEvents]);
    expect((await getJson(`/customers/${customerId}/credit`)).body).toMatchObject({
      status: 'ACTIVE',
      creditLimit: 30,
      failureCode: null,
    });
    const command = authorizeCommand(randomUUID(), customerId, 30);
    await send([command]);
    expect((await replyTo(command)).envelope.type).toBe('PaymentAuthorized');
  });

  test('RefundPayment while the authorization waits: refunds 0, and the customer arriving later charges nothing', async () => {
    const customerId = newCustomerId('cust-refund');
    const orderId = randomUUID();
    const authorize = authorizeCommand(orderId, customerId, 20);
    await send([authorize]);
    await waitFor('the authorization to wait', async () => {
      const { body } = await getJson(`/payments/${orderId}`);
      return body.status === 'AWAITING_CUSTOMER' ? body : undefined;
    });
    const refunded = await barrier(orderId);
    expect(refunded.envelope.payload).toMatchObject({ orderId, amountRefunded: 0, totalRefunded: 0 });

    await publishCustomerEvents([customerCreated(customerId, 100)]);
    await copyIs(customerId, 'ACTIVE');
    await drained(customerCopyGroup, [Topics.customerEvents]);
    expect((await getJson(`/payments/${orderId}`)).body).toMatchObject({
      status: 'DECLINED',
      declineCode: 'ALREADY_COMPENSATED',
      capturedAmount: 0,
    });
    const retry = authorizeCommand(orderId, customerId, 20, 2);
    await send([retry]);
    expect((await replyTo(retry)).envelope.payload).toMatchObject({ code: 'ALREADY_COMPENSATED' });
    expect(repliesFor(orderId).map((r) => r.envelope.type)).toEqual(['PaymentRefunded', 'PaymentDeclined']);
  });

  test("AuthorizePayment racing its customer's CustomerCreated: each is authorized exactly once, none waits out", async () => {
    const customers = Array.from({ length: 20 }, () => newCustomerId('cust-race'));
    await publishCustomerEvents(customers.map(registrationStarted));
    await Promise.all(customers.map((customerId) => copyIs(customerId, 'PENDING')));
    const commands = customers.map((customerId) => authorizeCommand(randomUUID(), customerId, 10));
    // Different topics, so nothing orders the two: whichever commits second must see the other's write.
    await Promise.all([send(commands), publishCustomerEvents(customers.map((c) => customerCreated(c, 10)))]);
    const answers = await Promise.all(commands.map((command) => replyTo(command)));
    expect(answers.map((answer) => answer.envelope.type)).toEqual(commands.map(() => 'PaymentAuthorized'));
    await Promise.all(commands.map((command) => barrier(command.payload.orderId)));
    for (const command of commands) {
      expect(repliesFor(command.payload.orderId).map((r) => r.envelope.type)).toEqual([
        'PaymentAuthorized',
        'PaymentRefunded',
      ]);
    }
  });

  test('a flagged customer is declined CUSTOMER_FLAGGED whatever the credit; GET /customers/{id}/credit shows the flag', async () => {
    const customerId = await registeredCustomer('cust-held', 100_000);
    const flag = customerFlagged(customerId);
    await publishProjectionEvents([flag]);
    const credit = await flagIs(customerId, 'HELD', flag);
    expect(credit).toMatchObject({
      customerId,
      status: 'ACTIVE',
      creditLimit: 100_000,
      flag: {
        state: 'HELD',
        rule: 'repeated-payment-declines',
        flaggedAt: flag.payload.flaggedAt,
        flagEventId: flag.eventId,
        clearedAt: null,
        clearedBy: null,
      },
    });

    const command = authorizeCommand(randomUUID(), customerId, 1);
    await send([command]);
    const declined = await replyTo(command);
    expect(declined.envelope).toMatchObject({
      type: 'PaymentDeclined',
      correlationId: command.correlationId,
      causationId: command.eventId,
      payload: {
        customerId,
        amount: 1,
        code: 'CUSTOMER_FLAGGED',
        detail: `customer ${customerId} is held: flagged by rule repeated-payment-declines since ${flag.payload.flaggedAt}; payments are declined until an operator clears the flag`,
      },
    });
    expect((await getJson(`/payments/${command.payload.orderId}`)).body).toMatchObject({
      status: 'DECLINED',
      declineCode: 'CUSTOMER_FLAGGED',
      capturedAmount: 0,
    });
  });

  test('cleared: authorized again by the credit rule; the same flag record delivered again changes nothing more', async () => {
    const customerId = await registeredCustomer('cust-cleared', 50);
    const flag = customerFlagged(customerId);
    // The same record twice, as a redelivery would bring it: one inbox row, one flag.
    await publishProjectionEvents([flag, flag]);
    await flagIs(customerId, 'HELD', flag);
    const held = authorizeCommand(randomUUID(), customerId, 10);
    await send([held]);
    expect((await replyTo(held)).envelope.payload).toMatchObject({ code: 'CUSTOMER_FLAGGED' });

    const clear = flagCleared(customerId);
    await publishProjectionEvents([clear]);
    expect(await flagIs(customerId, 'CLEARED', flag)).toMatchObject({
      flag: {
        state: 'CLEARED',
        rule: 'repeated-payment-declines',
        flagEventId: flag.eventId,
        clearedAt: clear.payload.clearedAt,
        clearedBy: 'ops-ada',
        clearNote: 'spoke to the customer',
      },
    });
    const [within, above] = [
      authorizeCommand(randomUUID(), customerId, 50),
      authorizeCommand(randomUUID(), customerId, 50.01),
    ];
    await send([within, above]);
    expect((await replyTo(within)).envelope.type).toBe('PaymentAuthorized');
    expect((await replyTo(above)).envelope.payload).toMatchObject({ code: 'CREDIT_LIMIT_EXCEEDED' });

    // The flag's record once more, after the clear: the inbox knows it, the customer stays cleared.
    await publishProjectionEvents([flag]);
    await drained(customerCopyGroup, [Topics.projectionEvents]);
    expect((await getJson(`/customers/${customerId}/credit`)).body.flag).toMatchObject({
      state: 'CLEARED',
      flagEventId: flag.eventId,
    });
    expect(
      await queryPaymentDb('SELECT 1 FROM inbox WHERE message_id = ANY($1)', [[flag.eventId, clear.eventId]]),
    ).toHaveLength(2);
    const after = authorizeCommand(randomUUID(), customerId, 5);
    await send([after]);
    expect((await replyTo(after)).envelope.type).toBe('PaymentAuthorized');
  });

  test('flagged → cleared → flagged again, in order: held again by the second flag', async () => {
    const customerId = await registeredCustomer('cust-twice', 1_000);
    const [first, clear, second] = [
      customerFlagged(customerId),
      flagCleared(customerId, 'ops-bob'),
      customerFlagged(customerId, 'another-rule'),
    ];
    await publishProjectionEvents([first, clear, second]);
    expect(await flagIs(customerId, 'HELD', second)).toMatchObject({
      flag: { rule: 'another-rule', clearedAt: null, clearedBy: null, clearNote: null },
    });
    const command = authorizeCommand(randomUUID(), customerId, 1);
    await send([command]);
    expect((await replyTo(command)).envelope.payload.detail).toContain('flagged by rule another-rule since');

    await publishProjectionEvents([flagCleared(customerId)]);
    await flagIs(customerId, 'CLEARED', second);
    const next = authorizeCommand(randomUUID(), customerId, 1);
    await send([next]);
    expect((await replyTo(next)).envelope.type).toBe('PaymentAuthorized');
  });

  test('a flag for a customer payment has not seen is kept (without claiming a registration); the authorization is declined at once', async () => {
    const customerId = newCustomerId('cust-flag-first');
    const flag = customerFlagged(customerId);
    await publishProjectionEvents([flag]);
    expect(await flagIs(customerId, 'HELD', flag)).toMatchObject({
      customerId,
      status: null,
      creditLimit: null,
      flag: { state: 'HELD' },
    });
    const command = authorizeCommand(randomUUID(), customerId, 1);
    await send([command]);
    expect((await replyTo(command)).envelope.payload).toMatchObject({ code: 'CUSTOMER_FLAGGED' });

    // The registration arriving later makes the customer ACTIVE in the copy, still held.
    await publishCustomerEvents([registrationStarted(customerId), customerCreated(customerId, 100)]);
    expect(await copyIs(customerId, 'ACTIVE')).toMatchObject({ flag: { state: 'HELD' } });
    const again = authorizeCommand(randomUUID(), customerId, 1);
    await send([again]);
    expect((await replyTo(again)).envelope.payload).toMatchObject({ code: 'CUSTOMER_FLAGGED' });
  });

  test('a parked authorization is declined CUSTOMER_FLAGGED when its customer is flagged during the wait', async () => {
    const customerId = newCustomerId('cust-parked-flag');
    await publishCustomerEvents([registrationStarted(customerId)]);
    await copyIs(customerId, 'PENDING');
    const orderId = randomUUID();
    const command = authorizeCommand(orderId, customerId, 10);
    await send([command]);
    await waitFor('the authorization to wait', async () => {
      const { body } = await getJson(`/payments/${orderId}`);
      return body.status === 'AWAITING_CUSTOMER' ? body : undefined;
    });
    await publishProjectionEvents([customerFlagged(customerId)]);
    expect((await replyTo(command)).envelope).toMatchObject({
      type: 'PaymentDeclined',
      correlationId: command.correlationId,
      causationId: command.eventId,
      payload: { orderId, code: 'CUSTOMER_FLAGGED' },
    });
    // The registration's outcome finds nothing parked any more: one reply.
    await publishCustomerEvents([customerCreated(customerId, 100)]);
    await copyIs(customerId, 'ACTIVE');
    await barrier(orderId);
    expect(repliesFor(orderId).map((r) => r.envelope.type)).toEqual(['PaymentDeclined', 'PaymentRefunded']);
  });

  test('PurchaseEnriched and OrderLabelOverdue on projection.events are acknowledged and ignored', async () => {
    const projectionDeadLetters = await recordTap(dlqTopicFor(Topics.projectionEvents));
    try {
      const customerId = await registeredCustomer('cust-enriched', 100);
      const orderId = randomUUID();
      const at = new Date().toISOString();
      const others = [
        projectionEvent(PurchaseEnriched, customerId, {
          orderId,
          customerId,
          customer: { name: 'Ada Lovelace', email: `${customerId}@example.com` },
          items: [{ sku: 'BOOK-001', quantity: 1, unitPrice: 10 }],
          itemCount: 1,
          total: 10,
          placedAt: at,
          approvedAt: at,
        }),
        projectionEvent(OrderLabelOverdue, orderId, {
          orderId,
          rule: 'label-sla',
          approvedAt: at,
          deadlineAt: at,
          labelRenderedAt: null,
          firedAt: at,
        }),
      ];
      await publishProjectionEvents(others);
      await drained(customerCopyGroup, [Topics.projectionEvents]);
      expect(
        await queryPaymentDb('SELECT 1 FROM inbox WHERE message_id = ANY($1)', [
          others.map((e) => e.eventId),
        ]),
      ).toHaveLength(2);
      expect(projectionDeadLetters.records).toEqual([]);
      expect((await getJson(`/customers/${customerId}/credit`)).body.flag).toBeNull();
    } finally {
      await projectionDeadLetters.stop();
    }
  });

  test('a wait survives a restart: the watcher looks at boot and ends it', async () => {
    const orderId = randomUUID();
    const command = authorizeCommand(orderId, newCustomerId('cust-restart'), 3);
    await send([command]);
    await waitFor('the authorization to wait', async () => {
      const { body } = await getJson(`/payments/${orderId}`);
      return body.status === 'AWAITING_CUSTOMER' ? body : undefined;
    });
    await payment.stop();
    payment = await startPaymentService();
    expect((await replyTo(command)).envelope.payload).toMatchObject({ code: 'CUSTOMER_UNKNOWN' });
  });

  test('PUT /admin/faults declineProbability 1 declines with INJECTED_FAILURE; DELETE resets', async () => {
    const put = await putJson('/admin/faults', { declineProbability: 1 });
    expect(put).toMatchObject({ status: 200, body: { declineProbability: 1 } });
    const orderId = randomUUID();
    const command = authorizeCommand(orderId, vip, 1);
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
    const next = authorizeCommand(randomUUID(), vip, 1);
    await send([next]);
    expect((await replyTo(next)).envelope.type).toBe('PaymentAuthorized');
  });

  test('an injected transient error is retried, then dead-lettered with dlq.error; the partition moves on', async () => {
    expect((await putJson('/admin/faults', { errorProbability: 1 })).status).toBe(200);
    const poisoned = authorizeCommand(randomUUID(), vip, 3);
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
    const next = authorizeCommand(randomUUID(), vip, 3);
    await send([next], 0);
    expect((await replyTo(next)).envelope.type).toBe('PaymentAuthorized');
    expect((await getJson(`/payments/${poisoned.payload.orderId}`)).status).toBe(404);
  });

  test('crash after N messages (SIGKILL): after a restart every command is answered exactly once', async () => {
    await waitForCommandsCommitted();
    await drained(customerCopyGroup, [Topics.customerEvents, Topics.projectionEvents]);
    await payment.stop();
    payment = await startPaymentService({ FAULT_CRASH_AFTER_MESSAGES: '1' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      payment.process.once('exit', (_code, signal) => resolve(signal)),
    );

    const orderId = randomUUID();
    const authorize = authorizeCommand(orderId, vip, 60);
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
