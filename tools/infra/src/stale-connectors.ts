import pg from 'pg';
import { waitFor } from './health.js';

/**
 * Connectors registered in Connect whose file is gone from infra/debezium/connectors (a layout change, such as the
 * six per-database connectors that became `edr-outbox`, ADR 0009) are deleted, and their replication slots dropped:
 * a slot nobody reads pins the WAL forever. Returns the names removed.
 */
export async function removeStaleConnectors(
  connectUrl: string,
  superuserUrl: string,
  keep: readonly string[],
  timeoutMs: number,
): Promise<string[]> {
  const registered = (await (await fetch(`${connectUrl}/connectors?expand=info`)).json()) as Record<
    string,
    { info: { config: Record<string, string> } }
  >;
  const stale = Object.entries(registered).filter(([name]) => !keep.includes(name));
  for (const [name, { info }] of stale) {
    const response = await fetch(`${connectUrl}/connectors/${encodeURIComponent(name)}`, {
      method: 'DELETE',
    });
    if (!response.ok && response.status !== 404) {
      throw new Error(`DELETE connector ${name} → HTTP ${response.status}: ${await response.text()}`);
    }
    const slot = info.config['slot.name'];
    if (slot) await dropSlotOnceReleased(superuserUrl, slot, timeoutMs);
  }
  return stale.map(([name]) => name);
}

/** The deleted connector's task lets go of its slot a moment after the DELETE answers. */
async function dropSlotOnceReleased(superuserUrl: string, slot: string, timeoutMs: number): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await waitFor(
      async () => {
        const { rows } = await client.query<{ active: boolean }>(
          'SELECT active FROM pg_replication_slots WHERE slot_name = $1',
          [slot],
        );
        if (rows.length === 0) return true;
        if (rows[0]!.active) throw new Error(`replication slot ${slot} still in use`);
        await client.query('SELECT pg_drop_replication_slot($1)', [slot]);
        return true;
      },
      { what: `replication slot ${slot} of a removed connector to be released`, timeoutMs },
    );
  } finally {
    await client.end();
  }
}
