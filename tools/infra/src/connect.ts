import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InfraError } from './errors.js';
import { waitFor } from './health.js';
import { JVM_HEAPS, jvmArgs } from './java.js';
import { connectWorkerProperties, log4j2Properties } from './kafka-config.js';
import type { ProcessRecord } from './process-state.js';
import { killOnFailure, spawnDetached, stopProcess } from './processes.js';
import type { InfraSettings } from './settings.js';

export const POSTGRES_CONNECTOR_CLASS = 'io.debezium.connector.postgresql.PostgresConnector';

const QUIET_LOGGERS = [
  'org.apache.kafka.common.config.AbstractConfig',
  'org.reflections',
  'org.eclipse.jetty',
];

/** Starts the Connect worker; resolves once its REST API answers and lists the Debezium Postgres connector. */
export async function startConnect(
  settings: InfraSettings,
  timeoutMs: number,
): Promise<ProcessRecord & { version: string }> {
  const { configDir, logsDir, kafkaLibs, connectPlugins } = settings.paths;
  await mkdir(configDir, { recursive: true });
  const propertiesPath = path.join(configDir, 'connect-distributed.properties');
  const log4jPath = path.join(configDir, 'connect-log4j2.properties');
  await writeFile(
    propertiesPath,
    connectWorkerProperties({
      bootstrapServers: settings.kafka.brokers.join(','),
      restPort: settings.connect.port,
      pluginPath: connectPlugins,
    }),
  );
  await writeFile(log4jPath, log4j2Properties(QUIET_LOGGERS));
  const logFile = path.join(logsDir, 'connect.log');
  const { host, port, debeziumUser, debeziumPassword } = settings.postgres;
  const pid = await spawnDetached({
    command: settings.javaBin,
    args: jvmArgs({
      heap: JVM_HEAPS.connect,
      log4jConfig: log4jPath,
      logsDir,
      classpathDir: kafkaLibs,
      mainClass: 'org.apache.kafka.connect.cli.ConnectDistributed',
      args: [propertiesPath],
    }),
    logFile,
    // Read by the connector files through the env config provider (${env:EDR_PG_HOST} …).
    env: {
      ...settings.childEnv,
      EDR_PG_HOST: host,
      EDR_PG_PORT: String(port),
      EDR_DEBEZIUM_USER: debeziumUser,
      EDR_DEBEZIUM_PASSWORD: debeziumPassword,
    },
  });
  const url = settings.connect.url;
  const version = await killOnFailure(pid, async () => {
    const found = await waitFor(() => probeConnect(url), {
      what: `Kafka Connect REST API on ${url}`,
      timeoutMs,
      pid,
      logFile,
    });
    await waitFor(
      async () => ((await listConnectorPlugins(url)).includes(POSTGRES_CONNECTOR_CLASS) ? true : undefined),
      {
        what: `${POSTGRES_CONNECTOR_CLASS} in ${url}/connector-plugins`,
        timeoutMs: 10_000,
        pid,
        logFile,
        hint: `Check that ${path.join(connectPlugins, 'debezium-connector-postgres')} holds the Debezium jars (delete .infra/cache to refetch).`,
      },
    );
    return found;
  });
  return { pid, marker: propertiesPath, endpoint: url, startedAt: new Date().toISOString(), version };
}

export async function stopConnect(record: ProcessRecord): Promise<string> {
  // SIGTERM: tasks stop and commit their offsets, so a restart resumes at the last confirmed LSN.
  return stopProcess(record.pid, 'SIGTERM', 30_000);
}

/** Connect version from GET /; throws while the worker is not serving. */
export async function probeConnect(url: string): Promise<string> {
  const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new InfraError(`GET ${url}/ → HTTP ${response.status}`);
  return ((await response.json()) as { version: string }).version;
}

async function listConnectorPlugins(url: string): Promise<string[]> {
  const response = await fetch(`${url}/connector-plugins`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new InfraError(`GET ${url}/connector-plugins → HTTP ${response.status}`);
  return ((await response.json()) as { class: string }[]).map((plugin) => plugin.class);
}
