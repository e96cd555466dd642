import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AggregateTypes, type EventEnvelope, PaymentRefunded } from '@edr/contracts';
import { createScratchSchema, infraEndpoints } from '@edr/infra';
import { buildEnvelope } from './build-envelope.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { DeleteOutboxRowsOnInsert1764300000002 } from './outbox-delete-on-insert.migration.js';
import { CreateOutboxTable1764300000000 } from './outbox-table.migration.js';
import { OutboxTransactionError, UnknownMessageTypeError, writeToOutbox } from './outbox-writer.js';

jest.setTimeout(60_000);

/**
 * writeToOutbox on real Postgres, in a scratch schema of the system database (shipping's role) built by the outbox's own migration (which also
 * adds the scratch table to the `edr_outbox` publication until the schema is dropped; the connector captures only
 * the services' own `<role>.outbox` tables, so nothing written here reaches Kafka). An AFTER INSERT trigger keeps what was inserted, which is what Debezium
 * reads from the WAL, so the test can tell "inserted and deleted" from "never written".
 */
const schema = `outbox_spec_${randomUUID().slice(0, 8)}`;
const dataSource = new DataSource({
  type: 'postgres',
  url: infraEndpoints().databaseUrl('shipping'),
  entities: [OutboxMessage],
  migrations: [CreateOutboxTable1764300000000, DeleteOutboxRowsOnInsert1764300000002],
  migrationsTableName: 'migrations',
  extra: { options: `-c search_path=${schema}` },
});

const refunded = (orderId = randomUUID()): EventEnvelope =>
  buildEnvelope({
    type: PaymentRefunded.type,
    schemaVersion: PaymentRefunded.schemaVersion,
    aggregateType: AggregateTypes.payment,
    aggregateId: orderId,
    payload: { orderId, paymentId: null, amountRefunded: 0, totalRefunded: 0 },
    correlationId: randomUUID(),
    causationId: null,
  });

const count = async (table: string): Promise<number> => {
  const [row] = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
  return row?.n ?? -1;
};

beforeAll(async () => {
  await dataSource.initialize();
  await createScratchSchema('shipping', schema);
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(`CREATE TABLE outbox_inserts (id uuid PRIMARY KEY, destination text, type text)`);
  await dataSource.query(`
    CREATE FUNCTION keep_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox_inserts (id, destination, type) VALUES (NEW.id, NEW.destination, NEW.type);
      RETURN NEW;
    END $$`);
  await dataSource.query(
    `CREATE TRIGGER keep_insert AFTER INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION keep_insert()`,
  );
});

afterAll(async () => {
  if (!dataSource.isInitialized) return;
  await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await dataSource.destroy();
});

/** PaymentRefunded is payment-service's to write. */
const writer = { producer: 'payment-service' };

describe('writeToOutbox on real Postgres', () => {
  test('refuses to write outside a transaction, and writes nothing', async () => {
    await expect(writeToOutbox(dataSource.manager, [refunded()], writer)).rejects.toBeInstanceOf(
      OutboxTransactionError,
    );
    expect(await count('outbox_inserts')).toBe(0);
    expect(await count('outbox')).toBe(0);
  });

  test('inserts every message in the caller transaction and leaves nothing in the outbox after commit', async () => {
    const messages = [refunded(), refunded()];
    await dataSource.transaction(async (tx) => {
      await writeToOutbox(tx, messages, { ...writer, traceparent: null });
    });

    expect(await count('outbox')).toBe(0);
    const inserted = await dataSource.query<{ id: string; destination: string; type: string }[]>(
      `SELECT id, destination, type FROM outbox_inserts WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [messages.map((m) => m.eventId)],
    );
    expect(inserted).toEqual(
      messages
        .map((m) => ({ id: m.eventId, destination: PaymentRefunded.topic, type: PaymentRefunded.type }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  test('a transaction that rolls back leaves no trace of its messages', async () => {
    const message = refunded();
    await expect(
      dataSource.transaction(async (tx) => {
        await writeToOutbox(tx, [message], writer);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const [row] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox_inserts WHERE id = $1`,
      [message.eventId],
    );
    expect(row?.n).toBe(0);
  });

  test('refuses a type that is not in the catalog, naming it', async () => {
    const unknown = { ...refunded(), type: 'NoSuchMessage' };
    await expect(dataSource.transaction((tx) => writeToOutbox(tx, [unknown], writer))).rejects.toBeInstanceOf(
      UnknownMessageTypeError,
    );
    expect(await count('outbox')).toBe(0);
  });
});
