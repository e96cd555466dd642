import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createScratchSchema, infraEndpoints } from '@edr/infra';
import { InboxMessage } from './inbox-message.entity.js';
import { CreateInboxTable1764300000001 } from './inbox-table.migration.js';
import { type InboxRecord, processOnce } from './process-once.js';

jest.setTimeout(60_000);

/** processOnce on real Postgres, in a scratch schema of the system database (projection's role) built by the inbox's own migration. */
const schema = `inbox_spec_${randomUUID().slice(0, 8)}`;
const dataSource = new DataSource({
  type: 'postgres',
  url: infraEndpoints().databaseUrl('projection'),
  entities: [InboxMessage],
  migrations: [CreateInboxTable1764300000001],
  migrationsTableName: 'migrations',
  poolSize: 12,
  extra: { options: `-c search_path=${schema}` },
});

const delivery = (messageId: string, offset: number): InboxRecord => ({
  messageId,
  topic: 'inbox-spec',
  partition: 0,
  offset: String(offset),
});

const effectsOf = async (messageId: string): Promise<number> => {
  const [row] = await dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM effects WHERE message_id = $1`,
    [messageId],
  );
  return row?.n ?? -1;
};

beforeAll(async () => {
  await dataSource.initialize();
  await createScratchSchema('projection', schema);
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(
    `CREATE TABLE effects (message_id varchar(255) NOT NULL, applied_at timestamptz DEFAULT now())`,
  );
});

afterAll(async () => {
  if (!dataSource.isInitialized) return;
  await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await dataSource.destroy();
});

describe('processOnce on real Postgres', () => {
  test('two concurrent deliveries of one message: one effect, the other is a duplicate', async () => {
    const messageId = randomUUID();
    let entered!: () => void;
    const firstEntered = new Promise<void>((resolve) => (entered = resolve));
    const first = processOnce(dataSource, delivery(messageId, 1), async (tx) => {
      await tx.query(`INSERT INTO effects (message_id) VALUES ($1)`, [messageId]);
      entered();
      // Hold the transaction open, inbox row inserted but not committed, while the second delivery arrives.
      await tx.query(`SELECT pg_sleep(0.5)`);
    });
    await firstEntered;
    const second = processOnce(dataSource, delivery(messageId, 2), async (tx) => {
      await tx.query(`INSERT INTO effects (message_id) VALUES ($1)`, [messageId]);
    });

    expect(await Promise.all([first, second])).toEqual(['processed', 'duplicate']);
    expect(await effectsOf(messageId)).toBe(1);
  });

  test('many deliveries at once, none ahead of the others: exactly one applies the effect', async () => {
    const messageId = randomUUID();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        processOnce(dataSource, delivery(messageId, i), async (tx) => {
          await tx.query(`INSERT INTO effects (message_id) VALUES ($1)`, [messageId]);
          await tx.query(`SELECT pg_sleep(0.05)`);
        }),
      ),
    );
    expect(outcomes.filter((o) => o === 'processed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(7);
    expect(await effectsOf(messageId)).toBe(1);
  });

  test('a delivery whose effect fails leaves no inbox row, so the redelivery applies it', async () => {
    const messageId = randomUUID();
    await expect(
      processOnce(dataSource, delivery(messageId, 1), async (tx) => {
        await tx.query(`INSERT INTO effects (message_id) VALUES ($1)`, [messageId]);
        throw new Error('crashed half-way');
      }),
    ).rejects.toThrow('crashed half-way');
    expect(await effectsOf(messageId)).toBe(0);

    const redelivered = await processOnce(dataSource, delivery(messageId, 1), async (tx) => {
      await tx.query(`INSERT INTO effects (message_id) VALUES ($1)`, [messageId]);
    });
    expect(redelivered).toBe('processed');
    expect(await effectsOf(messageId)).toBe(1);
    const [inbox] = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM inbox WHERE message_id = $1`,
      [messageId],
    );
    expect(inbox?.n).toBe(1);
  });
});
