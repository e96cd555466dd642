import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import kafkajs, { type Admin } from 'kafkajs';
import type { TransactionProbe } from '../probes/pg-transactions.js';

const tryOr = async <T>(what: () => Promise<T> | T, fallback: (error: Error) => T): Promise<T> => {
  try {
    return await what();
  } catch (error) {
    return fallback(error as Error);
  }
};

// A CommonJS export that Node's named-import detection does not see.
const { ConfigResourceTypes } = kafkajs;

const trySync = <T>(what: () => T, fallback: (error: Error) => T): T => {
  try {
    return what();
  } catch (error) {
    return fallback(error as Error);
  }
};

/** The committed connector configurations (infra/debezium/connectors/*.json), by file name. */
export function connectorFiles(repoRoot: string): Record<string, Record<string, string>> {
  const dir = join(repoRoot, 'infra/debezium/connectors');
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, string>]),
  );
}

/**
 * The services' kafkajs options as libs/messaging's kafkaServerOptions builds them, loaded from its build output:
 * the bench records them, it does not run on them (module boundaries keep data-access libs out of tooling code,
 * and the recorded values are whatever the services were built with in this run).
 */
async function servicesKafkaOptions(repoRoot: string): Promise<unknown> {
  const file = join(repoRoot, 'libs/messaging/dist/kafka-server.options.js');
  const module = (await import(pathToFileURL(file).href)) as {
    kafkaServerOptions: (s: { clientId: string; brokers: string[]; groupId: string }) => unknown;
  };
  const options = module.kafkaServerOptions({
    clientId: '<service>',
    brokers: ['<brokers>'],
    groupId: '<service>',
  });
  // Older shapes wrap the options in { transport, options }.
  return (options as { options?: unknown }).options ?? options;
}

/** JVM flags of a running process (-X…, -XX:…, -D…), from its command line. */
export function jvmFlags(cmdline: string): string[] {
  return cmdline
    .split('\0')
    .filter((arg) => /^-(X|D)/.test(arg))
    .filter((arg) => !arg.startsWith('-Dlog4j'));
}

const postgresSettings = [
  'synchronous_commit',
  'fsync',
  'wal_level',
  'wal_sync_method',
  'wal_writer_delay',
  'commit_delay',
  'full_page_writes',
  'shared_buffers',
  'max_connections',
  'max_wal_size',
  'checkpoint_timeout',
  'max_wal_senders',
  'max_replication_slots',
  'work_mem',
  'track_commit_timestamp',
];

export async function stackSettings(input: {
  repoRoot: string;
  connectUrl: string;
  probe: TransactionProbe;
  admin: Admin;
  relayedTopics: readonly string[];
  infraPids: Readonly<Record<string, number>>;
  serviceEnv: Readonly<Record<string, string>>;
}): Promise<Record<string, unknown>> {
  const { repoRoot } = input;
  const failed = (error: Error): string => `unavailable: ${error.message}`;
  const brokerConfig = await tryOr<unknown>(async () => {
    const described = await input.admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1' }],
    });
    return Object.fromEntries(
      described.resources[0]!.configEntries.filter((e) => !e.isDefault).map((e) => [
        e.configName,
        e.configValue,
      ]),
    );
  }, failed);
  const topicTimestampTypes = await tryOr<Record<string, string> | string>(async () => {
    const described = await input.admin.describeConfigs({
      includeSynonyms: false,
      resources: input.relayedTopics.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: ['message.timestamp.type'],
      })),
    });
    return Object.fromEntries(
      described.resources.map((r) => [r.resourceName, r.configEntries[0]?.configValue ?? 'CreateTime']),
    );
  }, failed);
  return {
    connectors: trySync<unknown>(() => connectorFiles(repoRoot), failed),
    runningConnectors: await tryOr<unknown>(async () => {
      const status = (await (await fetch(`${input.connectUrl}/connectors?expand=status`)).json()) as Record<
        string,
        { status: { connector: { state: string }; tasks: { state: string }[] } }
      >;
      return Object.fromEntries(
        Object.entries(status).map(([name, s]) => [
          name,
          `${s.status.connector.state}, tasks ${s.status.tasks.map((t) => t.state).join(',')}`,
        ]),
      );
    }, failed),
    servicesKafkaOptions: await tryOr<unknown>(() => servicesKafkaOptions(repoRoot), failed),
    serviceEnv: input.serviceEnv,
    postgres: await tryOr<unknown>(async () => {
      const rows = await input.probe.query<{ name: string; setting: string; unit: string | null }>(
        'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name',
        [postgresSettings],
      );
      return Object.fromEntries(
        rows.rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]),
      );
    }, failed),
    kafkaBroker: brokerConfig,
    topicTimestampTypes,
    jvm: Object.fromEntries(
      Object.entries(input.infraPids)
        .filter(([name]) => name !== 'postgres')
        .map(([name, pid]) => [
          name,
          trySync<unknown>(() => jvmFlags(readFileSync(`/proc/${pid}/cmdline`, 'utf8')), failed),
        ]),
    ),
    generatedConfig: Object.fromEntries(
      ['kafka-server.properties', 'connect-distributed.properties'].map((f) => [
        f,
        trySync<unknown>(
          () =>
            readFileSync(join(repoRoot, '.infra/config', f), 'utf8')
              .split('\n')
              .filter((l) => l && !l.startsWith('#')),
          failed,
        ),
      ]),
    ),
  };
}
