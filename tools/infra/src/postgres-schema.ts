import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { InfraError } from './errors.js';
import { runSqlScript, type ScriptResult } from './sql-runner.js';
import type { InfraSettings } from './settings.js';

/** Applies infra/postgres/init.sql (databases, roles, publications, heartbeat tables); safe to repeat. */
export async function applyInitSql(settings: InfraSettings): Promise<ScriptResult> {
  const { initSql, repoRoot } = settings.paths;
  const script = await readFile(initSql, 'utf8');
  return runSqlScript(script, settings.postgres.superuserUrl, path.relative(repoRoot, initSql));
}

/** Debezium needs logical decoding and a walsender + slot per connector: check a server we did not configure. */
export async function assertReplicationSettings(settings: InfraSettings, slotsNeeded: number): Promise<void> {
  const client = new pg.Client({
    connectionString: settings.postgres.superuserUrl,
    connectionTimeoutMillis: 5_000,
  });
  const where = `${settings.postgres.host}:${settings.postgres.port}`;
  try {
    await client.connect();
  } catch (error) {
    throw new InfraError(`cannot connect to EDR_PG_URL (${where}): ${(error as Error).message}`, {
      hint: 'Check that the server runs and that EDR_PG_URL names a superuser and its password.',
      cause: error,
    });
  }
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('wal_level', 'max_wal_senders', 'max_replication_slots')`,
    );
    const value = (name: string) => rows.find((row) => row.name === name)?.setting ?? '';
    if (value('wal_level') !== 'logical') {
      throw new InfraError(
        `PostgreSQL at ${where} has wal_level=${value('wal_level')}; Debezium needs wal_level=logical`,
        {
          hint: 'Run `ALTER SYSTEM SET wal_level = logical;` as superuser and restart the server (or start it with -c wal_level=logical).',
        },
      );
    }
    for (const name of ['max_wal_senders', 'max_replication_slots']) {
      if (Number(value(name)) < slotsNeeded) {
        throw new InfraError(
          `PostgreSQL at ${where} has ${name}=${value(name)}; the ${slotsNeeded} connectors need at least ${slotsNeeded}`,
          {
            hint: `Run \`ALTER SYSTEM SET ${name} = 20;\` as superuser and restart the server.`,
          },
        );
      }
    }
  } finally {
    await client.end();
  }
}
