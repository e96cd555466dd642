import type pg from 'pg';
import type { LagSample } from './lag-figures.js';

/**
 * Every view change whose event time lies in [from, to): its view, the causing event's type and applied_at −
 * event_time in ms. Read from projection_db as the service's own role, the way the other benches read their
 * service's tables.
 */
export async function viewChangeLag(db: pg.Pool, from: number, to: number): Promise<LagSample[]> {
  const { rows } = await db.query<{ view: string; type: string | null; lag_ms: number }>(
    `SELECT view, data->>'type' AS type, extract(epoch FROM applied_at - event_time)::float8 * 1000 AS lag_ms
     FROM view_changes WHERE event_time >= $1 AND event_time < $2`,
    [new Date(from), new Date(to)],
  );
  return rows.map((r) => ({ view: r.view, type: r.type, lagMs: r.lag_ms }));
}

/** A database's committed transactions and rows written so far (pg_stat_database; published within about 1 s). */
export async function databaseWrites(
  superuser: {
    query: <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;
  },
  database: string,
): Promise<{ commits: number; rowsWritten: number }> {
  const { rows } = await superuser.query<{ commits: string; written: string }>(
    `SELECT xact_commit AS commits, tup_inserted + tup_updated + tup_deleted AS written
     FROM pg_stat_database WHERE datname = $1`,
    [database],
  );
  return { commits: Number(rows[0]?.commits ?? 0), rowsWritten: Number(rows[0]?.written ?? 0) };
}
