import type pg from 'pg';
import { sleep, wallMs } from '../clock.js';

/** A row of pg_stat_activity as far as the sampler reads it. */
export interface BackendRow {
  readonly state: string | null;
  readonly wait_event_type: string | null;
  readonly wait_event: string | null;
}

/**
 * What the rebuild's database connection was doing at one moment:
 * - `postgres running`: executing a statement, not waiting (PostgreSQL's CPU, or waiting for one);
 * - `postgres <type>:<event>`: executing, waiting on I/O (e.g. IO:WalSync, the commit's flush), a lock, …;
 * - `in transaction, waiting for the service`: between two statements of a replay transaction, while
 *   projection-service runs the handlers' code (or waits for a CPU) and the statement travels;
 * - `between transactions`: no transaction open, while projection-service validates the next chunk or fetches
 *   records from Kafka;
 * - `no connection`: before the rebuild opened its connections or after it closed them.
 * With several connections (the rebuild's pool has two) the busiest one counts: running, then in transaction, then idle.
 */
export function classifyBackends(rows: readonly BackendRow[]): string {
  const rank = (row: BackendRow) =>
    row.state === 'active' ? 0 : row.state?.startsWith('idle in transaction') ? 1 : 2;
  const busiest = [...rows].sort((a, b) => rank(a) - rank(b))[0];
  if (!busiest) return 'no connection';
  if (busiest.state === 'active') {
    return busiest.wait_event_type
      ? `postgres ${busiest.wait_event_type}:${busiest.wait_event ?? ''}`
      : 'postgres running';
  }
  return rank(busiest) === 1 ? 'in transaction, waiting for the service' : 'between transactions';
}

/** Share of the samples in each state, largest first; "no connection" samples are left out of the whole. */
export function stateShares(samples: readonly string[]): Record<string, number> {
  const counted = samples.filter((s) => s !== 'no connection');
  const counts = new Map<string, number>();
  for (const s of counted) counts.set(s, (counts.get(s) ?? 0) + 1);
  return Object.fromEntries(
    [...counts].sort(([, a], [, b]) => b - a).map(([state, n]) => [state, n / counted.length]),
  );
}

/**
 * Samples, every `intervalMs`, what the backends of `applicationName` are doing (pg_stat_activity, as the
 * superuser); returns a function that stops and hands back one classification per sample.
 */
export function sampleBackends(
  superuser: {
    query: <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;
  },
  applicationName: string,
  intervalMs: number,
  signal: AbortSignal,
): () => Promise<string[]> {
  const samples: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running && !signal.aborted) {
      const due = wallMs() + intervalMs;
      const { rows } = await superuser.query<BackendRow>(
        `SELECT state, wait_event_type, wait_event FROM pg_stat_activity WHERE application_name = $1`,
        [applicationName],
      );
      samples.push(classifyBackends(rows));
      await sleep(due - wallMs(), signal);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return samples;
  };
}
