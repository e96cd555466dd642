import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { infraEndpoints } from '@edr/infra';
import { runMigrations } from './data-source.provider.js';

jest.setTimeout(60_000);

/**
 * Several instances of a service booting at once (Kubernetes runs two or more): each runs the migrations at boot, and
 * each migration must still run exactly once. The migration below is a data migration that is not idempotent and
 * slow enough (0.5 s) for the instances to overlap: without the lock both would read the same empty history and
 * apply it twice.
 */
const schema = `migrations_spec_${randomUUID().slice(0, 8)}`;

class CountRun1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SELECT pg_sleep(0.5)`);
    await queryRunner.query(`INSERT INTO migration_runs DEFAULT VALUES`);
  }
  async down(): Promise<void> {}
}

const instance = () =>
  new DataSource({
    type: 'postgres',
    url: infraEndpoints().databaseUrl('projection'),
    migrations: [CountRun1700000000001],
    migrationsTableName: 'migrations',
    poolSize: 3,
    extra: { options: `-c search_path=${schema}` },
  });
const instances = [instance(), instance(), instance()];

beforeAll(async () => {
  await Promise.all(instances.map((ds) => ds.initialize()));
  await instances[0]!.query(`CREATE SCHEMA ${schema}`);
  await instances[0]!.query(`CREATE TABLE ${schema}.migration_runs (id serial PRIMARY KEY)`);
});

afterAll(async () => {
  await instances[0]?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
  await Promise.all(instances.map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
});

describe('runMigrations with several instances starting together', () => {
  test('applies each migration once; the others wait for it and find nothing pending', async () => {
    await Promise.all(instances.map((ds) => runMigrations(ds)));
    const [runs] = await instances[0]!.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM migration_runs`,
    );
    const history = await instances[0]!.query<{ name: string }[]>(`SELECT name FROM migrations`);
    expect(runs?.n).toBe(1);
    expect(history.map((row) => row.name)).toEqual(['CountRun1700000000001']);
  });

  test('leaves the lock free afterwards (a later boot does not wait)', async () => {
    const session = instances[1]!.createQueryRunner();
    try {
      const [row] = (await session.query(
        `SELECT pg_try_advisory_lock(hashtextextended('edr:migrations', 0)) AS locked`,
      )) as { locked: boolean }[];
      expect(row?.locked).toBe(true);
      await session.query(`SELECT pg_advisory_unlock(hashtextextended('edr:migrations', 0))`);
    } finally {
      await session.release();
    }
  });
});
