import pg from 'pg';
import { type AppName, serviceDatabaseUrl } from './apps.js';

/** One query on a service's own database, as that service's role; a fresh connection each time. */
export async function queryDb<T = Record<string, unknown>>(
  service: AppName,
  sql: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: serviceDatabaseUrl(service) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
