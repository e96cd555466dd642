import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import {
  AccountOpened,
  AddressAccepted,
  AggregateTypes,
  CloseAccount,
  ContactCreated,
  CreateAccount,
  CreateContact,
  CustomerFlagged,
  type EventEnvelope,
  type MessageDefinition,
  OrderLabelOverdue,
  type PayloadOf,
  PurchaseEnriched,
  ReleaseContact,
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
  testPorts,
  waitFor,
} from '@edr/testing';

// Runs against the real infrastructure and the built service: `npx tsc -b apps/customer-service` first.
jest.setTimeout(120_000);

/** The profile's own consumer group (apps/customer-service/src/profile/projection-events.consumer.ts). */
const customerProfileGroup = 'customer-profile';

type Tap = Awaited<ReturnType<typeof recordTap>>;

const databaseUrl = infra.databaseUrl('customer');

const body = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ada Lovelace',
  email: `ada-${randomUUID()}@Example.com`,
  phone: '+44 20 1234567',
  address: { line1: ' 1  Main St ', city: 'London', postalCode: 'sw1a1aa', country: 'gb' },
  creditLimit: 2_500,
  ...overrides,
});

describe('customer-service (real Postgres, Kafka, Debezium)', () => {
  let service: RunningService;
  let customerEvents: Tap;
  let partOutcomes: Tap;
  let producer: Producer;
  let db: pg.Pool;

  const post = async (payload: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${service.url}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, any>,
    };
  };

  const getCustomer = async (customerId: string) => {
    const response = await fetch(`${service.url}/customers/${customerId}`);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  /** Waits until the customer has left PENDING (and, if asked, until its parts have settled too). */
  const settled = (customerId: string, until: (customer: Record<string, any>) => boolean = () => true) =>
    waitFor(
      `customer ${customerId} to leave PENDING`,
      async () => {
        const { body: customer } = await getCustomer(customerId);
        return customer.status !== 'PENDING' && until(customer) ? customer : undefined;
      },
      60_000,
      50,
    );

  /** Every part has answered, and every compensation is confirmed. */
  const partsSettled = (customer: Record<string, any>) =>
    Object.values(customer.parts as Record<string, string>).every(
      (state) => state !== 'PENDING' && state !== 'COMPENSATING',
    );

  const publicEventsOf = (customerId: string) =>
    customerEvents.records
      .filter((record) => record.key?.toString() === customerId)
      .map((record) => header(record, 'eventType'));

  /** A registration whose parts never get their commands: the test produces the outcomes itself. */
  const insertBareRegistration = async (deadlineInMs = 600_000) => {
    const customerId = `it-${randomUUID()}`;
    await db.query(
      `INSERT INTO customers (customer_id, status, request, parts, correlation_id, deadline_at, registered_at, updated_at)
       VALUES ($1, 'PENDING', '{}', $2, $1, now() + make_interval(secs => $3::float / 1000), now(), now())`,
      [
        customerId,
        JSON.stringify({ contact: 'PENDING', account: 'PENDING', address: 'PENDING' }),
        deadlineInMs,
      ],
    );
    return customerId;
  };

  const outcome = <D extends MessageDefinition>(definition: D, payload: PayloadOf<D>) =>
    buildMessage(definition, {
      aggregateType: AggregateTypes.customer,
      aggregateId: (payload as { customerId: string }).customerId,
      correlationId: `it-${randomUUID()}`,
      causationId: null,
      payload,
    });

  const outcomesFor = (customerId: string) => ({
    contact: outcome(ContactCreated, {
      customerId,
      name: 'Grace Hopper',
      email: `${customerId}@example.com`,
      phone: '+1 212 5550100',
    }),
    account: outcome(AccountOpened, { customerId, creditLimit: 750 }),
    address: outcome(AddressAccepted, {
      customerId,
      address: { line1: '1 Main St', city: 'New York', postalCode: '10001', country: 'US' },
    }),
  });

  /** A projection.events envelope as projection-service's outbox writes it: aggregate `projection`, keyed by `aggregateId`. */
  const projectionEvent = <D extends MessageDefinition>(
    definition: D,
    aggregateId: string,
    payload: PayloadOf<D>,
  ) =>
    buildMessage(definition, {
      aggregateType: AggregateTypes.projection,
      aggregateId,
      correlationId: `it-${randomUUID()}`,
      causationId: null,
      payload,
    });

  /** Produces messages as the outbox would: keyed by customer id, with the router's headers. */
  const send = (messages: readonly EventEnvelope[], topic: string = Topics.registrationEvents) =>
    producer.send({
      topic,
      messages: messages.map((message) => ({
        key: message.aggregateId,
        value: JSON.stringify(message),
        headers: { id: message.eventId, eventType: message.type, correlationId: message.correlationId },
      })),
    });

  /**
   * Waits until a registration started after everything else has been published: Debezium publishes in commit order,
   * so every event committed before it is on customer.events by then (and a duplicate would be there too).
   */
  const everythingPublished = async () => {
    const { body: started } = await post(body());
    await settled(started.customerId);
    await customerEvents.find(
      (record) =>
        record.key?.toString() === started.customerId && header(record, 'eventType') === 'CustomerCreated',
      `CustomerCreated of the sentinel ${started.customerId}`,
    );
  };

  beforeAll(async () => {
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // The service creates its topics at boot, so it starts before the tap subscribes.
    service = await startService({
      name: 'customer-service',
      port: testPorts.customer,
      env: {
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        LOG_LEVEL: 'warn',
        CONSUMER_BACKOFF_MS: '20',
        // Rows the tests insert are announced to no watcher: a short backstop finds their deadlines soon.
        CUSTOMER_DEADLINE_BACKSTOP_MS: '300',
      },
    });
    [customerEvents, partOutcomes] = await Promise.all([
      recordTap(Topics.customerEvents),
      recordTap(Topics.registrationEvents),
    ]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.allSettled([
      customerEvents?.stop(),
      partOutcomes?.stop(),
      producer?.disconnect(),
      db?.end(),
    ]);
    await service?.stop();
  });

  test('the seeded demo customers are registered through the real parts and become ACTIVE', async () => {
    const limits = {
      'cust-small': 100,
      'cust-standard': 1_000,
      'cust-vip': 100_000,
      'cust-blocked': 0,
      'demo-customer': 5_000,
      bench: 100_000,
    };
    for (const [customerId, creditLimit] of Object.entries(limits)) {
      const customer = await settled(customerId);
      expect(customer).toMatchObject({
        customerId,
        status: 'ACTIVE',
        parts: { contact: 'DONE', account: 'DONE', address: 'DONE' },
        account: { creditLimit },
        contact: { email: `${customerId}@example.com` },
      });
    }
  });

  test('POST /customers: 202 with Location; ACTIVE with normalised data and exactly one CustomerCreated', async () => {
    const request = body();
    const response = await post(request);
    expect(response.status).toBe(202);
    const { customerId } = response.body;
    expect(response.body).toEqual({
      customerId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'PENDING',
    });
    expect(response.headers.get('location')).toBe(`/customers/${customerId}`);

    const customer = await settled(customerId);
    expect(customer).toMatchObject({
      status: 'ACTIVE',
      reason: null,
      parts: { contact: 'DONE', account: 'DONE', address: 'DONE' },
      contact: { name: 'Ada Lovelace', email: request.email.toLowerCase(), phone: '+44 20 1234567' },
      account: { creditLimit: 2_500 },
      address: { line1: '1 Main St', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' },
      registrationDeadline: null,
    });
    const created = await customerEvents.find(
      (record) => record.key?.toString() === customerId && header(record, 'eventType') === 'CustomerCreated',
      `CustomerCreated for ${customerId}`,
    );
    expect(JSON.parse(created.value!.toString()).payload).toMatchObject({
      customerId,
      email: request.email.toLowerCase(),
      creditLimit: 2_500,
      address: { postalCode: 'SW1A 1AA', country: 'GB' },
    });
    await everythingPublished();
    expect(publicEventsOf(customerId)).toEqual(['CustomerRegistrationStarted', 'CustomerCreated']);
  });

  test('no credit limit asked for: the account opens with the default of 1000', async () => {
    const request: Record<string, unknown> = body();
    delete request.creditLimit;
    const { body: started } = await post(request);
    expect(await settled(started.customerId)).toMatchObject({
      status: 'ACTIVE',
      account: { creditLimit: 1_000 },
    });
  });

  test('Idempotency-Key: a retry gets the same customer; another body under the key is refused with 422', async () => {
    const key = `it-${randomUUID()}`;
    const request = body();
    const first = await post(request, { 'idempotency-key': key });
    const retry = await post(request, { 'idempotency-key': key });
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.body.customerId).toBe(first.body.customerId);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const other = await post(body(), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.message).toContain('use a new key for a new customer');
  });

  test('400 names each bad field with the value and what is expected, and writes nothing', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM customers`);
    const response = await post({
      ...body(),
      email: 'nope',
      address: { line1: '', city: 'Berlin', postalCode: '10115', country: 'Germany' },
      creditLimit: -5,
    });
    expect(response.status).toBe(400);
    const fields = (response.body.errors as { field: string; message: string }[]).map((error) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['email', 'address.line1', 'address.country', 'creditLimit']),
    );
    expect(response.body.message).toContain('"nope" is not an email address');
    expect(response.body.message).toContain('"Germany" is not a two-letter ISO 3166-1 country code');
    expect((await post({ ...body(), idempotencyKey: 'x' })).status).toBe(400);
    expect((await post(body(), { 'idempotency-key': 'not valid!' })).status).toBe(400);
    const after = await db.query(`SELECT count(*)::int AS n FROM customers`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect((await getCustomer('not a valid id')).status).toBe(400);
    expect((await getCustomer(`it-${randomUUID()}`)).status).toBe(404);
  });

  test('EMAIL_IN_USE: a second registration with an active email fails, and its account is closed', async () => {
    const email = `taken-${randomUUID()}@example.com`;
    const first = await post(body({ email }));
    expect(await settled(first.body.customerId)).toMatchObject({ status: 'ACTIVE' });

    const second = await post(body({ email: `  ${email.toUpperCase()} ` }));
    const failed = await settled(second.body.customerId, partsSettled);
    expect(failed).toMatchObject({
      status: 'FAILED',
      reason: { part: 'contact', code: 'EMAIL_IN_USE', detail: expect.stringContaining(email) },
      parts: { contact: 'REFUSED', account: 'COMPENSATED' },
    });
    const account = await db.query(`SELECT status FROM credit_accounts WHERE customer_id = $1`, [
      second.body.customerId,
    ]);
    expect(account.rows).toEqual([{ status: 'CLOSED' }]);
    expect((await getCustomer(first.body.customerId)).body.status).toBe('ACTIVE');
  });

  test('two registrations racing with one email: exactly one holds it, the other is refused EMAIL_IN_USE', async () => {
    const email = `race-${randomUUID()}@example.com`;
    const started = await Promise.all([post(body({ email })), post(body({ email }))]);
    const ended = await Promise.all(
      started.map(({ body: { customerId } }) => settled(customerId, partsSettled)),
    );
    expect(ended.map((customer) => customer.status).sort()).toEqual(['ACTIVE', 'FAILED']);
    expect(ended.find((customer) => customer.status === 'FAILED')?.reason).toMatchObject({
      code: 'EMAIL_IN_USE',
    });
  });

  test('CREDIT_LIMIT_ABOVE_CEILING: FAILED, the contact released, so the email registers again', async () => {
    const email = `big-${randomUUID()}@example.com`;
    const refused = await post(body({ email, creditLimit: 100_000.01 }));
    expect(await settled(refused.body.customerId, partsSettled)).toMatchObject({
      status: 'FAILED',
      reason: { part: 'account', code: 'CREDIT_LIMIT_ABOVE_CEILING' },
      parts: { contact: 'COMPENSATED', account: 'REFUSED', address: 'DONE' },
    });
    const again = await post(body({ email, creditLimit: 100_000 }));
    expect(await settled(again.body.customerId)).toMatchObject({
      status: 'ACTIVE',
      account: { creditLimit: 100_000 },
    });
  });

  test.each([
    ['COUNTRY_UNSUPPORTED', { line1: 'Base 1', city: 'McMurdo', postalCode: '00000', country: 'AQ' }],
    ['POSTAL_CODE_INVALID', { line1: '1 Main St', city: 'Berlin', postalCode: '1011', country: 'de' }],
  ])('%s: FAILED by the address part, contact and account compensated', async (code, address) => {
    const { body: started } = await post(body({ address }));
    const failed = await settled(started.customerId, partsSettled);
    expect(failed).toMatchObject({
      status: 'FAILED',
      reason: { part: 'address', code },
      parts: { contact: 'COMPENSATED', account: 'COMPENSATED', address: 'REFUSED' },
    });
    await everythingPublished();
    expect(publicEventsOf(started.customerId)).toEqual([
      'CustomerRegistrationStarted',
      'CustomerRegistrationFailed',
    ]);
  });

  test('compensations overtaking their commands leave tombstones: the late commands hold nothing', async () => {
    const customerId = `it-${randomUUID()}`;
    const email = `${customerId}@example.com`;
    const command = <D extends MessageDefinition>(definition: D, payload: PayloadOf<D>) =>
      buildMessage(definition, {
        aggregateType: AggregateTypes.customer,
        aggregateId: customerId,
        correlationId: `it-${randomUUID()}`,
        causationId: null,
        payload,
      });
    const release = command(ReleaseContact, { customerId });
    const close = command(CloseAccount, { customerId });
    await send(
      [release, command(CreateContact, { customerId, name: 'Late', email, phone: '+1 212 5550100' })],
      Topics.contactCommands,
    );
    await send(
      [close, command(CreateAccount, { customerId, creditLimit: 10 }), command(CloseAccount, { customerId })],
      Topics.accountCommands,
    );
    const answers = () =>
      partOutcomes.records
        .filter((record) => record.key?.toString() === customerId)
        .map((record) => header(record, 'eventType'));
    await waitFor('five answers', async () => (answers().length >= 5 ? true : undefined));
    expect(answers().sort()).toEqual([
      'AccountClosed',
      'AccountClosed',
      'AccountClosed',
      'ContactReleased',
      'ContactReleased',
    ]);
    const contact = await db.query(`SELECT status, email FROM contacts WHERE customer_id = $1`, [customerId]);
    expect(contact.rows).toEqual([{ status: 'RELEASED', email: null }]);
    const account = await db.query(
      `SELECT status, credit_limit FROM credit_accounts WHERE customer_id = $1`,
      [customerId],
    );
    expect(account.rows).toEqual([{ status: 'CLOSED', credit_limit: null }]);
    // The late CreateContact held nothing: its email registers.
    const { body: started } = await post(body({ email }));
    expect((await settled(started.customerId)).status).toBe('ACTIVE');
  });

  test('the three outcomes in every order, each delivered twice (same and new message id): one CustomerCreated each', async () => {
    const orders = [
      ['contact', 'account', 'address'],
      ['contact', 'address', 'account'],
      ['account', 'contact', 'address'],
      ['account', 'address', 'contact'],
      ['address', 'contact', 'account'],
      ['address', 'account', 'contact'],
    ] as const;
    const ids: string[] = [];
    for (const order of orders) {
      const customerId = await insertBareRegistration();
      ids.push(customerId);
      const outcomes = outcomesFor(customerId);
      const again = outcomesFor(customerId);
      // Each outcome twice as delivered (a redelivery: same id, the inbox drops it) and once more as a new
      // message (a part answering a repeated command: new id, the machine ignores it).
      await send(order.flatMap((part) => [outcomes[part], outcomes[part], again[part]]));
    }
    await drained('customer-service', [Topics.registrationEvents]);
    for (const customerId of ids) {
      expect(await settled(customerId)).toMatchObject({
        status: 'ACTIVE',
        parts: { contact: 'DONE', account: 'DONE', address: 'DONE' },
        account: { creditLimit: 750 },
      });
    }
    await everythingPublished();
    for (const customerId of ids) expect(publicEventsOf(customerId)).toEqual(['CustomerCreated']);
  });

  test('the profile from PurchaseEnriched: each order counted once (a duplicate record, a second event for one order), the 5 latest by approval whatever the arrival order', async () => {
    const projectionDeadLetters = await recordTap(dlqTopicFor(Topics.projectionEvents));
    try {
      const { body: started } = await post(body({ name: 'Grace Hopper' }));
      const customerId = started.customerId as string;
      await settled(customerId);
      expect((await getCustomer(customerId)).body.profile).toEqual({
        orderCount: 0,
        lifetimeValue: 0,
        lastPurchaseAt: null,
        recentPurchases: [],
      });

      const base = Date.parse('2026-03-01T12:00:00.000Z');
      const minutes = (n: number) => new Date(base + n * 60_000).toISOString();
      // Six orders, arriving in this order but approved at minute 3, 1, 6, 2, 5, 4.
      const orders = [3, 1, 6, 2, 5, 4].map((approvedMinute, i) => {
        const items = [
          { sku: `SKU-${i}`, quantity: i + 1, unitPrice: 10.25 },
          { sku: 'BOOK-001', quantity: 1, unitPrice: 0.1 },
        ];
        return {
          orderId: randomUUID(),
          approvedAt: minutes(approvedMinute),
          items,
          itemCount: i + 2,
          total: Math.round((i + 1) * 1025 + 10) / 100,
        };
      });
      const purchase = (order: (typeof orders)[number], total = order.total) =>
        projectionEvent(PurchaseEnriched, customerId, {
          orderId: order.orderId,
          customerId,
          customer: { name: 'Grace Hopper', email: `${customerId}@example.com` },
          items: order.items,
          itemCount: order.itemCount,
          total,
          placedAt: minutes(0),
          approvedAt: order.approvedAt,
        });
      const events = orders.map((order) => purchase(order));
      // The same order announced again under a new event id (with another total): it must not count twice.
      const secondForOrder = purchase(orders[2]!, 999);
      const others = [
        projectionEvent(CustomerFlagged, customerId, {
          customerId,
          rule: 'repeated-payment-declines',
          evidence: [{ eventId: randomUUID(), type: 'PaymentDeclined', occurredAt: minutes(0) }],
          windowMs: 600_000,
          flaggedAt: minutes(0),
        }),
        projectionEvent(OrderLabelOverdue, orders[0]!.orderId, {
          orderId: orders[0]!.orderId,
          rule: 'label-sla',
          approvedAt: minutes(3),
          deadlineAt: minutes(4),
          labelRenderedAt: null,
          firedAt: minutes(4),
        }),
      ];
      await send(events.slice(0, 3), Topics.projectionEvents);
      // The first record delivered again (same event id), then the rest.
      await send([events[0]!, secondForOrder, ...others, ...events.slice(3)], Topics.projectionEvents);
      await drained(customerProfileGroup, [Topics.projectionEvents]);

      const { profile } = (await getCustomer(customerId)).body;
      const lifetime = orders.reduce((cents, order) => cents + Math.round(order.total * 100), 0) / 100;
      const byApproval = [...orders].sort((a, b) => b.approvedAt.localeCompare(a.approvedAt));
      expect(profile).toEqual({
        orderCount: 6,
        lifetimeValue: lifetime,
        lastPurchaseAt: minutes(6),
        recentPurchases: byApproval.slice(0, 5).map((order) => ({
          orderId: order.orderId,
          total: order.total,
          itemCount: order.itemCount,
          items: order.items,
          approvedAt: order.approvedAt,
        })),
      });
      const [row] = await db
        .query(`SELECT event_id FROM customer_purchases WHERE order_id = $1`, [orders[2]!.orderId])
        .then((result) => result.rows as Array<{ event_id: string }>);
      expect(row!.event_id).toBe(events[2]!.eventId);
      const handled = await db.query(`SELECT message_id FROM inbox WHERE message_id = ANY($1)`, [
        [...events, secondForOrder, ...others].map((e) => e.eventId),
      ]);
      expect(handled.rows).toHaveLength(events.length + 1 + others.length);
      expect(projectionDeadLetters.records).toEqual([]);
    } finally {
      await projectionDeadLetters.stop();
    }
  });

  test('deadline: FAILED with REGISTRATION_DEADLINE_PASSED, done parts compensated, a late part too', async () => {
    const customerId = await insertBareRegistration(500);
    const outcomes = outcomesFor(customerId);
    await send([outcomes.contact, outcomes.address]);
    const failed = await settled(customerId, (customer) => customer.parts.contact === 'COMPENSATED');
    expect(failed).toMatchObject({
      status: 'FAILED',
      reason: {
        part: 'deadline',
        code: 'REGISTRATION_DEADLINE_PASSED',
        detail: expect.stringContaining('account part'),
      },
      // The contact part never had this customer's CreateContact: its release leaves a tombstone and confirms.
      parts: { contact: 'COMPENSATED', account: 'PENDING', address: 'DONE' },
    });

    await send([outcomes.account]);
    expect(await settled(customerId, (customer) => customer.parts.account === 'COMPENSATED')).toMatchObject({
      status: 'FAILED',
    });
    await everythingPublished();
    expect(publicEventsOf(customerId)).toEqual(['CustomerRegistrationFailed']);
    // No message caused it: it carries the correlation id of the registration (the test's row uses the id).
    const failedEvent = customerEvents.records.find((record) => record.key?.toString() === customerId);
    expect(header(failedEvent!, 'correlationId')).toBe(customerId);
  });
});
