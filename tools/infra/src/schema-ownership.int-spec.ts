// The ownership rule of the one-database layout (docs/adr/0009-one-database-schema-per-service.md), checked on the
// real server: a service's role uses its own schema, and nothing of another service's.
import { describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { type ServiceName, Services, serviceNames } from '@edr/topology';
import { infraEndpoints } from './endpoints.js';

async function asRole<T>(service: ServiceName, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: infraEndpoints().databaseUrl(service) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sqlError = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: unknown) => (error as { code?: string }).code,
  );

describe('one schema per service in the system database', () => {
  test.each(serviceNames)("%s's role works in its own schema and in nobody else's", async (service) => {
    const own = Services[service].role;
    const other = Services[serviceNames.find((name) => name !== service)!].role;
    await asRole(service, async (client) => {
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      expect(rows[0]?.schema).toBe(own);
      // 42501 insufficient_privilege: no USAGE on another service's schema, no CREATE in public, and no CREATE in the
      // database but for projection-service, which builds views in scratch schemas of its own (init.sql).
      expect(await sqlError(client.query(`SELECT 1 FROM ${other}.inbox LIMIT 1`))).toBe('42501');
      expect(await sqlError(client.query(`CREATE TABLE ${other}.intruder (id int)`))).toBe('42501');
      if (service !== 'projection') {
        expect(await sqlError(client.query('CREATE SCHEMA intruder'))).toBe('42501');
      }
      expect(await sqlError(client.query('CREATE TABLE public.intruder (id int)'))).toBe('42501');
    });
  });
});
