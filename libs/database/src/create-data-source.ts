import { DataSource, type MixedList, type EntitySchema } from 'typeorm';

export interface DataSourceOptions {
  readonly url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function | string>;
  /** Shown in pg_stat_activity, so a DBA can tell which service holds a connection. */
  readonly applicationName: string;
  readonly poolSize?: number;
}

/**
 * One DataSource per service, always on committed migrations: the schema is never synchronised from entities, so
 * what runs in production is exactly what was reviewed.
 */
export const createDataSource = (options: DataSourceOptions): DataSource =>
  new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: options.applicationName,
    poolSize: options.poolSize ?? 10,
    extra: { connectionTimeoutMillis: 5_000 },
  });
