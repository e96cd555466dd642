import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { InfraError } from './errors.js';
import { GiveUp, waitFor } from './health.js';

export interface ConnectorFile {
  /** File basename = connector name (docs/system-contract.md). */
  readonly name: string;
  readonly config: Record<string, string>;
}

export async function readConnectorFiles(dir: string): Promise<ConnectorFile[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => ({
      name: path.basename(file, '.json'),
      config: JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Record<string, string>,
    })),
  );
}

/**
 * PUT /connectors/<name>/config creates or updates. Skipped when the stored config is already equal, because every
 * PUT restarts the connector and its task.
 */
export async function registerConnector(
  connectUrl: string,
  connector: ConnectorFile,
  timeoutMs: number,
): Promise<'created' | 'updated' | 'unchanged'> {
  const base = `${connectUrl}/connectors/${encodeURIComponent(connector.name)}`;
  // A worker that has just started can leave a request unanswered while it joins its group: ask again.
  const current = await waitFor(() => fetch(`${base}/config`, { signal: AbortSignal.timeout(5_000) }), {
    what: `Connect to answer GET ${base}/config`,
    timeoutMs,
  });
  if (current.ok) {
    // Connect adds `name` to the stored config.
    const stored = (await current.json()) as Record<string, string>;
    if (sameConfig(stored, { ...connector.config, name: connector.name })) return 'unchanged';
  }
  // Right after the worker starts, writes answer 409 (rebalance in progress) for a few seconds: retry those.
  return waitFor(
    async () => {
      const response = await fetch(`${base}/config`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(connector.config),
        signal: AbortSignal.timeout(30_000),
      });
      if (response.status === 201) return 'created' as const;
      if (response.ok) return 'updated' as const;
      const body = await response.text();
      const error = new InfraError(`PUT ${base}/config → HTTP ${response.status}: ${body}`);
      if (response.status === 409 || response.status >= 500) throw error;
      // 400: Connect validated the config and rejected it; retrying will not help.
      throw new GiveUp(
        new InfraError(`connector ${connector.name} rejected: ${body}`, {
          hint: `Fix infra/debezium/connectors/${connector.name}.json`,
        }),
      );
    },
    { what: `Connect to accept connector ${connector.name}`, timeoutMs },
  );
}

export function sameConfig(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

interface ConnectorStatus {
  readonly connector: { readonly state: string; readonly trace?: string };
  readonly tasks: readonly { readonly id: number; readonly state: string; readonly trace?: string }[];
}

/** Waits until the connector and all its tasks are RUNNING; fails fast with the stack trace if one FAILED. */
export async function waitConnectorRunning(
  connectUrl: string,
  name: string,
  timeoutMs: number,
): Promise<void> {
  await waitFor(
    async () => {
      const response = await fetch(`${connectUrl}/connectors/${encodeURIComponent(name)}/status`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new InfraError(`GET status of ${name} → HTTP ${response.status}`);
      const status = (await response.json()) as ConnectorStatus;
      const failed = [status.connector, ...status.tasks].find((part) => part.state === 'FAILED');
      if (failed) {
        throw new GiveUp(
          new InfraError(`connector ${name} FAILED`, {
            hint: `Fix the cause, then re-run infra:up (it restarts failed connectors). Full log: .infra/logs/connect.log`,
            logTail: (failed.trace ?? '(no trace)').split('\n').slice(0, 20).join('\n'),
          }),
        );
      }
      const running =
        status.connector.state === 'RUNNING' &&
        status.tasks.length > 0 &&
        status.tasks.every((task) => task.state === 'RUNNING');
      return running ? true : undefined;
    },
    { what: `connector ${name} and its task to be RUNNING`, timeoutMs },
  );
}

/** Restarts a connector including its failed tasks (a FAILED task is not restarted by re-registering the same config). */
export async function restartFailed(connectUrl: string, name: string): Promise<void> {
  await fetch(
    `${connectUrl}/connectors/${encodeURIComponent(name)}/restart?includeTasks=true&onlyFailed=true`,
    {
      method: 'POST',
      signal: AbortSignal.timeout(30_000),
    },
  );
}
