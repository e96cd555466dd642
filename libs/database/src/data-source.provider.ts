import { Logger, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from './create-data-source.js';

/**
 * Provides the service's DataSource, connected and migrated before anything else starts: a service never runs
 * against a schema older than its code. Pending migrations are applied at boot (and can also be run on their own,
 * e.g. as a Kubernetes init step, with `runMigrations`).
 */
export const dataSourceProvider = (options: DataSourceOptions): Provider => ({
  provide: DataSource,
  useFactory: async () => {
    const dataSource = createDataSource(options);
    await dataSource.initialize();
    await runMigrations(dataSource);
    return dataSource;
  },
});

/**
 * Serialises the migration runs of every instance of a service. Advisory locks are per database, and every service's
 * schema is in the one system database (ADR 0009), so the key names the schema the migrations run in: services do not
 * wait for each other's migrations, and an app that shares its context's schema (label-worker) waits for that
 * context's run.
 */
const MIGRATION_LOCK = `hashtextextended('edr:migrations:' || current_schema(), 0)`;

/**
 * Applies the pending migrations, one instance at a time. Several instances start together (a Deployment of two, a
 * rolling update, a crash loop); TypeORM takes no lock of its own, so without this each would read the same empty
 * history and run the same migration (a data migration twice, a DDL one failing on the second). The first instance
 * migrates while the others wait on the lock, then find nothing pending. The lock is held on a connection of its
 * own, for the session, and released (or dropped with the connection) whatever happens.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      new Logger('Migrations').log(`applied ${applied.map((m) => m.name).join(', ')}`);
    }
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
    await lock.release();
  }
}
