import pg from 'pg';
import { InfraError } from './errors.js';
import { splitSqlScript } from './sql-script.js';

/**
 * "Already exists" outcomes that make a re-run of init.sql harmless: duplicate database (42P04), duplicate object
 * such as a role or publication (42710), duplicate schema (42P06), duplicate table (42P07), duplicate key of a seed
 * row (23505).
 */
export const ALREADY_EXISTS_CODES: ReadonlySet<string> = new Set([
  '42P04',
  '42710',
  '42P06',
  '42P07',
  '23505',
]);

export interface ScriptResult {
  readonly executed: number;
  readonly alreadyPresent: number;
}

/** Runs a psql-style script (statements + `\connect`) as the user of `url`, one autocommitted statement at a time. */
export async function runSqlScript(script: string, url: string, source: string): Promise<ScriptResult> {
  let executed = 0;
  let alreadyPresent = 0;
  let client = await connect(url);
  try {
    for (const step of splitSqlScript(script)) {
      if (step.kind === 'connect') {
        await client.end();
        client = await connect(withDatabase(url, step.database));
        continue;
      }
      try {
        await client.query(step.sql);
        executed += 1;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== undefined && ALREADY_EXISTS_CODES.has(code)) {
          alreadyPresent += 1;
          continue;
        }
        throw new InfraError(`${source}:${step.line}: ${(error as Error).message}`, {
          hint: `Statement: ${step.sql.split('\n')[0]}`,
          cause: error,
        });
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return { executed, alreadyPresent };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
