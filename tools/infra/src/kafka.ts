import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { InfraError } from './errors.js';
import { waitFor } from './health.js';
import { JVM_HEAPS, jvmArgs } from './java.js';
import { brokerProperties, log4j2Properties } from './kafka-config.js';
import { logTail } from './log-tail.js';
import type { ProcessRecord } from './process-state.js';
import { killOnFailure, spawnDetached, stopProcess } from './processes.js';
import type { InfraSettings } from './settings.js';

const QUIET_LOGGERS = [
  'org.apache.kafka.common.config.AbstractConfig',
  'kafka.request.logger',
  'state.change.logger',
];

/** Formats storage on first use and starts the broker; resolves once it answers a metadata request. */
export async function startKafka(settings: InfraSettings, timeoutMs: number): Promise<ProcessRecord> {
  const { configDir, logsDir, kafkaLibs, kafkaData } = settings.paths;
  const { port, controllerPort } = settings.kafka;
  await mkdir(configDir, { recursive: true });
  const propertiesPath = path.join(configDir, 'kafka-server.properties');
  const log4jPath = path.join(configDir, 'kafka-log4j2.properties');
  await writeFile(propertiesPath, brokerProperties({ port, controllerPort, dataDir: kafkaData }));
  await writeFile(log4jPath, log4j2Properties(QUIET_LOGGERS));
  const jvm = { log4jConfig: log4jPath, logsDir, classpathDir: kafkaLibs };

  await formatStorageOnce(settings, propertiesPath, jvm);

  const logFile = path.join(logsDir, 'kafka.log');
  const pid = await spawnDetached({
    command: settings.javaBin,
    args: jvmArgs({
      ...jvm,
      heap: JVM_HEAPS.kafka,
      mainClass: 'kafka.Kafka',
      args: [propertiesPath],
    }),
    logFile,
    env: settings.childEnv,
  });
  await killOnFailure(pid, () =>
    waitFor(() => probeKafka(settings.kafka.brokers), {
      what: `Kafka to answer a metadata request on ${settings.kafka.brokers.join(',')}`,
      timeoutMs,
      pid,
      logFile,
    }),
  );
  return {
    pid,
    marker: propertiesPath,
    endpoint: settings.kafka.brokers.join(','),
    startedAt: new Date().toISOString(),
  };
}

export async function stopKafka(record: ProcessRecord): Promise<string> {
  // SIGTERM = controlled shutdown: the log is flushed and the next start skips recovery.
  return stopProcess(record.pid, 'SIGTERM', 30_000);
}

/** Broker count from a metadata request; throws while the broker is not ready. */
export async function probeKafka(brokers: readonly string[]): Promise<number> {
  const admin = new Kafka({
    clientId: 'edr-infra-probe',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  }).admin();
  await admin.connect();
  try {
    return (await admin.describeCluster()).brokers.length;
  } finally {
    await admin.disconnect();
  }
}

/** A Kafka cluster id: 16 random bytes, base64url without padding, not starting with '-' (as Uuid.randomUuid). */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function formatStorageOnce(
  settings: InfraSettings,
  propertiesPath: string,
  jvm: { log4jConfig: string; logsDir: string; classpathDir: string },
): Promise<void> {
  const { kafkaData, kafkaClusterIdFile, logsDir } = settings.paths;
  if (existsSync(path.join(kafkaData, 'meta.properties'))) return;
  // The id is kept beside the data: a wiped log dir is re-formatted into the same cluster.
  const clusterId = existsSync(kafkaClusterIdFile)
    ? (await readFile(kafkaClusterIdFile, 'utf8')).trim()
    : newClusterId();
  await mkdir(path.dirname(kafkaClusterIdFile), { recursive: true });
  await writeFile(kafkaClusterIdFile, `${clusterId}\n`);
  const args = jvmArgs({
    ...jvm,
    heap: { min: '64m', max: '256m' },
    mainClass: 'kafka.tools.StorageTool',
    args: ['format', '--standalone', '-t', clusterId, '-c', propertiesPath],
  });
  const result = spawnSync(settings.javaBin, args, { encoding: 'utf8', env: settings.childEnv });
  const logFile = path.join(logsDir, 'kafka-format.log');
  await writeFile(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.status !== 0) {
    throw new InfraError(`kafka-storage format failed (exit ${result.status})`, {
      hint: `If ${kafkaData} holds data of another cluster, remove it (rm -rf it) and retry.`,
      logTail: await logTail(logFile),
    });
  }
}
