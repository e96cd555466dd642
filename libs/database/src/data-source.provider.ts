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

export async function runMigrations(dataSource: DataSource): Promise<void> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  if (applied.length > 0) {
    new Logger('Migrations').log(`applied ${applied.map((m) => m.name).join(', ')}`);
  }
}
