import pg from 'pg';
import { orderPlacedEnvelope } from '@edr/testing';
import { wallMs } from '../clock.js';
import type { PgCommitCeiling } from '../result-model.js';
import { summarize } from '../stats.js';

/** A scratch schema of the bench in a service database; dropped afterwards (and on Ctrl-C). */
export const scratchSchema = 'edr_bench_scratch';

/**
 * The write shape every saga transaction has, on tables shaped like the real ones (order_events and outbox, as
 * their migrations create them), in a scratch schema outside the `edr_outbox` publication: Debezium's walsender
 * reads the WAL but relays nothing.
 */
const setup = [
  `DROP SCHEMA IF EXISTS ${scratchSchema} CASCADE`,
  `CREATE SCHEMA ${scratchSchema}`,
  `CREATE TABLE ${scratchSchema}.events (
     stream_id uuid NOT NULL, version int NOT NULL CHECK (version > 0), event_id uuid NOT NULL UNIQUE,
     type varchar(255) NOT NULL, schema_version int NOT NULL, payload jsonb NOT NULL,
     correlation_id varchar(255) NOT NULL, causation_id varchar(255), occurred_at timestamptz NOT NULL,
     PRIMARY KEY (stream_id, version))`,
  `CREATE TABLE ${scratchSchema}.outbox (
     id uuid PRIMARY KEY, aggregatetype varchar(255) NOT NULL, aggregateid varchar(255) NOT NULL,
     type varchar(255) NOT NULL, payload jsonb NOT NULL, correlation_id varchar(255) NOT NULL,
     causation_id varchar(255), traceparent varchar(255), created_at timestamptz NOT NULL DEFAULT now(),
     destination varchar(255) NOT NULL)`,
];

export const shape =
  'BEGIN; INSERT event row (order_events shape); INSERT outbox row; DELETE that outbox row; COMMIT — one connection per worker, parameterized statements like TypeORM, jsonb payload of an OrderPlaced envelope';

async function oneTransaction(client: pg.PoolClient): Promise<void> {
  const envelope = orderPlacedEnvelope();
  const { aggregateId: orderId, eventId } = envelope;
  const payload = JSON.stringify(envelope);
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO ${scratchSchema}.events (stream_id, version, event_id, type, schema_version, payload, correlation_id, causation_id, occurred_at)
     VALUES ($1, 1, $2, 'OrderPlaced', 1, $3, $4, NULL, now())`,
    [orderId, eventId, payload, orderId],
  );
  await client.query(
    `INSERT INTO ${scratchSchema}.outbox (id, aggregatetype, aggregateid, type, payload, correlation_id, causation_id, traceparent, destination)
     VALUES ($1, 'order', $2, 'OrderPlaced', $3, $4, NULL, NULL, 'order.events')`,
    [eventId, orderId, payload, orderId],
  );
  await client.query(`DELETE FROM ${scratchSchema}.outbox WHERE id = $1`, [eventId]);
  await client.query('COMMIT');
}

export async function dropScratchSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'edr-bench' });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${scratchSchema} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Commits per second PostgreSQL sustains for that shape with `connections` concurrent writers, with the server's
 * durability as it is (synchronous_commit and fsync are read and recorded, never changed).
 */
export async function pgCommitCeiling(
  url: string,
  connections: number,
  seconds: number,
  signal: AbortSignal,
): Promise<PgCommitCeiling> {
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    application_name: 'edr-bench-ceiling',
  });
  try {
    const admin = await pool.connect();
    const durability: Record<string, string> = {};
    try {
      for (const statement of setup) await admin.query(statement);
      const settings = await admin.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings
         WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method', 'full_page_writes', 'commit_delay')`,
      );
      for (const row of settings.rows) durability[row.name] = row.setting;
    } finally {
      admin.release();
    }
    const latencies: number[] = [];
    const started = wallMs();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        const client = await pool.connect();
        try {
          while (wallMs() < until && !signal.aborted) {
            const t0 = wallMs();
            await oneTransaction(client);
            latencies.push(wallMs() - t0);
          }
        } finally {
          client.release();
        }
      }),
    );
    const elapsed = (wallMs() - started) / 1000;
    return {
      connections,
      seconds: elapsed,
      commits: latencies.length,
      commitsPerSecond: latencies.length / elapsed,
      transactionMs: summarize(latencies),
      shape,
      durability,
    };
  } finally {
    await pool.end();
  }
}
