import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { type MessageDefinition, PaymentAuthorized } from '@edr/contracts';
import { createDataSource } from '@edr/database';
import { IdempotencyKey } from '@edr/idempotency';
import { type InboxRecord, processOnce } from '@edr/inbox';
import { platformSchema } from '@edr/platform';
import { CreateTasksTable1764300000700, Task } from '@edr/tasks';
import { Services } from '@edr/topology';
import { infraEndpoints } from '@edr/infra';
import { OrderApprovedEvent, OrderPaymentAuthorizedEvent } from '../domain/order-events.js';
import { OrderEventRow } from '../event-store/order-event.entity.js';
import { OrderEventStore } from '../event-store/order-event-store.js';
import { CreateOrderTables1764300000100 } from '../migrations/1764300000100-create-order-tables.js';
import { IdempotencyKeysResourceId1764300000190 } from '../migrations/1764300000190-idempotency-keys-resource-id.js';
import { CreateMailbox1764300000110 } from '../migrations/1764300000110-create-mailbox.js';
import type { OrderConfig } from '../order.config.js';
import { OrderAdmission } from '../place-order/admission/order-admission.js';
import { PlaceOrderCommand } from '../place-order/place-order.command.js';
import { PlaceOrderHandler } from '../place-order/place-order.handler.js';
import { ApplyParticipantReplyCommand } from './apply-participant-reply/apply-participant-reply.command.js';
import { ApplyParticipantReplyHandler } from './apply-participant-reply/apply-participant-reply.handler.js';
import type { SagaDecision } from './order-saga.machine.js';
import { OrderSagaRepository } from './order-saga.repository.js';
import { type Decide, OrderSagaRunner } from './order-saga.runner.js';
import type { OrderSagaState } from './order-saga.state.js';
import { SagaDeadlineAnnouncer } from './saga-deadline.announcer.js';
import { participantReplies } from './participant-reply.js';

jest.setTimeout(60_000);

// The runner against order-service's real schema: what one saga input writes, and that it writes all of it in one commit or
// nothing. Outbox rows are deleted in the transaction that writes them (Debezium reads the INSERTs from the WAL),
// so the outbox writes are read the way Debezium reads them: from a logical replication slot (test_decoding).

const config: Pick<OrderConfig, 'saga' | 'serviceName' | 'admission'> = {
  serviceName: 'order-service',
  saga: {
    stepTimeoutMs: 5_000,
    maxStepAttempts: 3,
    compensationTimeoutMs: 5_000,
    maxCompensationBackoffMs: 60_000,
    deadlineBackstopMs: 5_000,
  },
  // Admission is not what this suite is about: a door that never closes.
  admission: { maxInFlight: 1_000_000, retryAfterS: 1, refreshMs: 100 },
};

const request = {
  customerId: 'c-runner',
  items: [{ sku: 'RUNNER-1', quantity: 2, unitPrice: 5 }],
  shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

/** One committed transaction as the WAL shows it: `<table> <operation>` per row change, in order. */
interface WalTransaction {
  readonly changes: readonly string[];
  readonly text: string;
}

class WalTap {
  private readonly client: pg.Client;
  private readonly slot = `edr_runner_${randomUUID().slice(0, 8)}`;

  constructor(superuserUrl: string) {
    const url = new URL(superuserUrl);
    url.pathname = `/${Services.order.database}`;
    this.client = new pg.Client({ connectionString: url.toString() });
  }

  async open(): Promise<void> {
    await this.client.connect();
    await this.client.query(`SELECT pg_create_logical_replication_slot($1, 'test_decoding')`, [this.slot]);
  }

  async close(): Promise<void> {
    await this.client.query(`SELECT pg_drop_replication_slot($1)`, [this.slot]).catch(() => undefined);
    await this.client.end();
  }

  /** The transactions committed since the last call that touched `orderId`. */
  async committed(orderId: string): Promise<WalTransaction[]> {
    const { rows } = await this.client.query<{ xid: string; data: string }>(
      `SELECT xid::text AS xid, data FROM pg_logical_slot_get_changes($1, NULL, NULL)`,
      [this.slot],
    );
    const byXid = new Map<string, string[]>();
    for (const { xid, data } of rows) {
      // The slot decodes the whole system database; order-service's own tables are in its schema.
      if (!data.startsWith(`table ${Services.order.role}.`)) continue;
      byXid.set(xid, [...(byXid.get(xid) ?? []), data]);
    }
    return [...byXid.values()]
      .filter((lines) => lines.some((line) => line.includes(orderId)))
      .map((lines) => ({
        changes: lines.map((line) => {
          const match = /^table \w+\.(\w+): (\w+):/.exec(line);
          return match ? `${match[1]} ${match[2]}` : line;
        }),
        text: lines.join('\n'),
      }));
  }
}

describe('OrderSagaRunner on the real order database', () => {
  let dataSource: DataSource;
  let wal: WalTap;
  let sagas: OrderSagaRepository;
  let eventStore: OrderEventStore;
  let runner: OrderSagaRunner;
  let placeOrder: PlaceOrderHandler;
  let applyReply: ApplyParticipantReplyHandler;

  beforeAll(async () => {
    const infra = infraEndpoints();
    dataSource = createDataSource({
      url: infra.databaseUrl('order'),
      // The order service's schema as OrderServiceModule declares it, the platform's tables included.
      ...platformSchema({
        service: Services.order,
        entities: [OrderEventRow, IdempotencyKey, Task],
        migrations: [
          CreateOrderTables1764300000100,
          CreateMailbox1764300000110,
          IdempotencyKeysResourceId1764300000190,
          CreateTasksTable1764300000700,
        ],
      }),
      applicationName: 'order-saga-runner-int-spec',
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    wal = new WalTap(infra.postgres.superuserUrl);
    await wal.open();
    sagas = new OrderSagaRepository(dataSource);
    eventStore = new OrderEventStore(dataSource);
    runner = new OrderSagaRunner(eventStore, sagas, new SagaDeadlineAnnouncer(), config);
    placeOrder = new PlaceOrderHandler(dataSource, eventStore, runner, new OrderAdmission(sagas, config));
    applyReply = new ApplyParticipantReplyHandler(runner);
  });

  afterAll(async () => {
    await wal?.close();
    await dataSource?.destroy();
  });

  const place = async () => {
    const { orderId } = await placeOrder.execute(new PlaceOrderCommand(request, null));
    return orderId;
  };

  const inboxRecord = (): InboxRecord => ({
    messageId: randomUUID(),
    topic: 'payment.events',
    partition: 0,
    offset: String(Math.floor(Math.random() * 1_000_000)),
  });

  const paymentAuthorized = (orderId: string) =>
    participantReplies.paymentAuthorized({
      orderId,
      paymentId: `pay-${orderId}`,
      customerId: 'c-runner',
      amount: 10,
    });

  /** What the reply consumer does: the command, awaited inside the inbox transaction. */
  const deliver = (record: InboxRecord, orderId: string) =>
    processOnce(dataSource, record, (manager) =>
      applyReply.execute(
        new ApplyParticipantReplyCommand(
          paymentAuthorized(orderId),
          { eventId: randomUUID(), traceparent: null },
          manager,
        ),
      ),
    );

  const inboxHas = async (messageId: string) => {
    const rows: unknown[] = await dataSource.query(`SELECT 1 FROM inbox WHERE message_id = $1`, [messageId]);
    return rows.length > 0;
  };

  const streamOf = async (orderId: string) =>
    (await eventStore.load(orderId)).map((e) => `${e.version} ${e.type}`);

  test('POST /orders places the order and starts its saga in one commit: PAYMENT attempt 1 and AuthorizePayment', async () => {
    const orderId = await place();
    const saga = await sagas.find(orderId);
    expect(saga).toMatchObject({ phase: 'RUNNING', step: 'PAYMENT', attempts: 1, completedSteps: [] });
    expect(saga!.deadlineAt!.getTime() - saga!.startedAt.getTime()).toBe(config.saga.stepTimeoutMs);
    expect(await streamOf(orderId)).toEqual(['1 OrderPlaced']);

    const [placing, ...others] = await wal.committed(orderId);
    expect(others).toEqual([]);
    expect(placing!.changes).toEqual([
      'order_events INSERT',
      'order_sagas INSERT',
      'outbox INSERT',
      'outbox INSERT',
      'outbox DELETE',
      'outbox DELETE',
    ]);
    expect(placing!.text).toContain(`type[character varying]:'OrderPlaced'`);
    expect(placing!.text).toContain(`type[character varying]:'AuthorizePayment'`);
  });

  test('one reply: saga row, order event, outbox (event and next command) and inbox row in one commit', async () => {
    const orderId = await place();
    await wal.committed(orderId);
    const record = inboxRecord();

    expect(await deliver(record, orderId)).toBe('processed');

    expect(await sagas.find(orderId)).toMatchObject({
      phase: 'RUNNING',
      step: 'INVENTORY',
      attempts: 1,
      completedSteps: ['PAYMENT'],
    });
    expect(await streamOf(orderId)).toEqual(['1 OrderPlaced', '2 OrderPaymentAuthorized']);
    expect(await inboxHas(record.messageId)).toBe(true);

    const [applying, ...others] = await wal.committed(orderId);
    expect(others).toEqual([]);
    expect([...applying!.changes].sort()).toEqual(
      [
        'inbox INSERT',
        'order_events INSERT',
        'order_sagas UPDATE',
        'outbox INSERT',
        'outbox INSERT',
        'outbox DELETE',
        'outbox DELETE',
      ].sort(),
    );
    expect(applying!.text).toContain(`message_id[character varying]:'${record.messageId}'`);
    expect(applying!.text).toContain(`type[character varying]:'OrderPaymentAuthorized'`);
    expect(applying!.text).toContain(`type[character varying]:'ReserveInventory'`);
  });

  test('the same reply again changes nothing: redelivered (same message) or re-sent (a new message)', async () => {
    const orderId = await place();
    const record = inboxRecord();
    await deliver(record, orderId);
    await wal.committed(orderId);
    const before = await sagas.find(orderId);

    // Kafka redelivers the record: the inbox skips it before the saga sees it.
    expect(await deliver(record, orderId)).toBe('duplicate');
    // The participant answered twice: a new message, the machine's duplicate rule; only its inbox row is written.
    const resent = inboxRecord();
    expect(await deliver(resent, orderId)).toBe('processed');

    expect(await sagas.find(orderId)).toEqual(before);
    expect(await streamOf(orderId)).toEqual(['1 OrderPlaced', '2 OrderPaymentAuthorized']);
    const committed = await wal.committed(orderId);
    expect(committed.map((t) => t.changes)).toEqual([]);
    expect(await inboxHas(resent.messageId)).toBe(true);
  });

  describe('a decision that fails writes nothing, not even the inbox row', () => {
    const failing: ReadonlyArray<readonly [string, (orderId: string) => Decide]> = [
      [
        'the machine throws',
        () => () => {
          throw new Error('machine bug');
        },
      ],
      [
        'the order refuses an event of the decision',
        (orderId) => (state) => ({
          state: { ...state, phase: 'APPROVED' },
          orderEvents: [new OrderApprovedEvent({ orderId })],
          commands: [],
          note: 'approves a pending order',
        }),
      ],
      [
        'the outbox refuses a command after the events were appended and the saga row updated',
        (orderId) =>
          (state): SagaDecision => ({
            state: { ...state, step: 'INVENTORY', completedSteps: ['PAYMENT'] } satisfies OrderSagaState,
            orderEvents: [new OrderPaymentAuthorizedEvent({ orderId, paymentId: 'pay-x', amount: 10 })],
            commands: [
              {
                definition: { ...PaymentAuthorized, type: 'NotInTheCatalog' } satisfies MessageDefinition,
                payload: { orderId },
              },
            ],
            note: 'sends a message type nobody knows',
          }),
      ],
    ];

    test.each(failing)('%s', async (_name, decide) => {
      const orderId = await place();
      await wal.committed(orderId);
      const before = await sagas.find(orderId);
      const record = inboxRecord();

      await expect(
        processOnce(dataSource, record, (manager) =>
          runner.apply(manager, orderId, { eventId: randomUUID(), traceparent: null }, decide(orderId)),
        ),
      ).rejects.toThrow();

      expect(await sagas.find(orderId)).toEqual(before);
      expect(await streamOf(orderId)).toEqual(['1 OrderPlaced']);
      expect(await inboxHas(record.messageId)).toBe(false);
      expect(await wal.committed(orderId)).toEqual([]);
      // And the input applies normally once it is redelivered.
      expect(await deliver(record, orderId)).toBe('processed');
      expect(await streamOf(orderId)).toEqual(['1 OrderPlaced', '2 OrderPaymentAuthorized']);
    });
  });
});
