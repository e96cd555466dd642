import pg from 'pg';
import { Services } from '@edr/topology';
import { getSettings, type ServiceName } from './settings.js';

/**
 * A schema for one test suite in the system database, owned by a service's role, so the suite can run a lib's
 * migrations there under that role (`-c search_path=<schema>`). Only the superuser may create schemas in that
 * database (init.sql); service roles own just their own.
 */
export async function createScratchSchema(service: ServiceName, schema: string): Promise<void> {
  const { superuserUrl } = getSettings().postgres;
  const url = new URL(superuserUrl);
  url.pathname = `/${Services[service].database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(
      `CREATE SCHEMA ${pg.escapeIdentifier(schema)} AUTHORIZATION ${Services[service].role}`,
    );
  } finally {
    await client.end();
  }
}
