import pg from 'pg';

export interface TransactionCounters {
  /** pg_stat_database.xact_commit per service database. */
  readonly commits: Readonly<Record<string, number>>;
  /** The next transaction id of the cluster: write transactions (those that got an id) since the last reading. */
  readonly nextXid: number;
}

/**
 * Transaction counters of the cluster, read as the superuser. Two figures because they count different things:
 * xact_commit counts every committed transaction in a database, read-only statements outside a transaction
 * included, and a backend publishes its counts at most once a second (and an idle one within ~10 s), so a reading
 * trails by up to that; the transaction id counter is exact and current but counts only transactions that wrote
 * (the ones that pay for a WAL flush at commit), cluster-wide.
 */
export async function openTransactionProbe(superuserUrl: string, databases: readonly string[]) {
  const client = new pg.Client({ connectionString: superuserUrl, application_name: 'edr-bench' });
  await client.connect();
  return {
    async read(): Promise<TransactionCounters> {
      const stats = await client.query<{ datname: string; xact_commit: string }>(
        'SELECT datname, xact_commit FROM pg_stat_database WHERE datname = ANY($1)',
        [databases],
      );
      const xid = await client.query<{ next: string }>(
        'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next',
      );
      return {
        commits: Object.fromEntries(stats.rows.map((r) => [r.datname, Number(r.xact_commit)])),
        nextXid: Number(xid.rows[0]!.next),
      };
    },
    /** Connections per application (service) to the service databases, now. */
    async connections(): Promise<Record<string, number>> {
      const rows = await client.query<{ app: string; n: string }>(
        `SELECT coalesce(nullif(application_name, ''), usename) AS app, count(*) AS n FROM pg_stat_activity
         WHERE datname = ANY($1) GROUP BY 1 ORDER BY 1`,
        [databases],
      );
      return Object.fromEntries(rows.rows.map((r) => [r.app, Number(r.n)]));
    },
    query: <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) => client.query<R>(sql, values),
    close: () => client.end(),
  };
}

/**
 * The databases named by the services' DATABASE_URLs, each once: one per service in a database-per-service layout,
 * one for all in a schema-per-service one. Read from each tree's own URLs, so the probe follows its layout.
 */
export const databasesOf = (databaseUrls: readonly string[]): string[] => [
  ...new Set(databaseUrls.map((url) => decodeURIComponent(new URL(url).pathname.slice(1)))),
];

export type TransactionProbe = Awaited<ReturnType<typeof openTransactionProbe>>;

export function transactionsBetween(from: TransactionCounters, to: TransactionCounters) {
  const commits = Object.keys(to.commits).reduce((t, db) => t + to.commits[db]! - (from.commits[db] ?? 0), 0);
  return { xactCommit: commits, writeTransactions: to.nextXid - from.nextXid };
}
