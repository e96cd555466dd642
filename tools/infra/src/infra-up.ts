import { mkdir } from 'node:fs/promises';
import { startConnect, probeConnect } from './connect.js';
import { readConnectorFiles, registerConnector, restartFailed, waitConnectorRunning } from './connectors.js';
import { InfraError } from './errors.js';
import { waitFor } from './health.js';
import { infraDown } from './infra-down.js';
import { assertJava } from './java.js';
import { probeKafka, startKafka } from './kafka.js';
import { ensureJars } from './maven-cache.js';
import { assertPortsFree } from './ports.js';
import { probePostgres, startPostgres } from './postgres.js';
import { applyInitSql, assertReplicationSettings } from './postgres-schema.js';
import { removeStaleConnectors } from './stale-connectors.js';
import { isOurs, readState, updateState, type Component, type ProcessRecord } from './process-state.js';
import { seconds, timed, type Log } from './progress.js';
import { getSettings, type InfraSettings } from './settings.js';

export interface InfraUpOptions {
  /** Register and wait for the connectors of infra/debezium/connectors (default true). */
  readonly connectors?: boolean;
  /** Stop what this call started when a later step fails (with-infra, tests). Default: keep it for inspection. */
  readonly rollbackOnFailure?: boolean;
  /** Progress lines; default console.log. */
  readonly log?: Log;
}

export interface InfraUpResult {
  /** Components this call started: hand them to `infraDown({ only })` to leave everything else as it was. */
  readonly started: readonly Component[];
  /** Components that were already running (ours) and were reused. */
  readonly reused: readonly Component[];
}

const TIMEOUT_MS = { postgres: 30_000, kafka: 60_000, connect: 120_000, connector: 90_000 };

/** Brings up whatever is not running yet: Postgres (+ init.sql), Kafka, Connect, connectors. Idempotent. */
export async function infraUp(options: InfraUpOptions = {}): Promise<InfraUpResult> {
  const settings = getSettings();
  const log = options.log ?? ((line: string) => console.log(line));
  await mkdir(settings.paths.logsDir, { recursive: true });
  const started: Component[] = [];
  const reused: Component[] = [];
  const note = (component: Component, how: 'started' | 'reused' | 'external') => {
    if (how !== 'external') (how === 'started' ? started : reused).push(component);
  };
  try {
    await preflight(settings, log);
    note('postgres', await upPostgres(settings, log));
    await timed(
      log,
      () => applyInitSql(settings),
      (r) => `init.sql (${r.executed} statements applied, ${r.alreadyPresent} already in place)`,
    );
    note(
      'kafka',
      await upProcess(settings, log, 'kafka', {
        ports: {
          EDR_KAFKA_PORT: settings.kafka.port,
          EDR_KAFKA_CONTROLLER_PORT: settings.kafka.controllerPort,
        },
        start: () => startKafka(settings, TIMEOUT_MS.kafka),
        probe: () => probeKafka(settings.kafka.brokers),
        describe: (r) => `kafka on ${r.endpoint} (pid ${r.pid})`,
      }),
    );
    note(
      'connect',
      await upProcess(settings, log, 'connect', {
        ports: { EDR_CONNECT_PORT: settings.connect.port },
        start: () => startConnect(settings, TIMEOUT_MS.connect),
        probe: () => probeConnect(settings.connect.url),
        describe: (r) =>
          `connect ${'version' in r ? `${String(r.version)} ` : ''}on ${r.endpoint} (pid ${r.pid})`,
      }),
    );
    if (options.connectors !== false) await upConnectors(settings, log);
  } catch (error) {
    if (options.rollbackOnFailure && started.length > 0) {
      await infraDown({ only: started, log });
    } else if (started.length > 0 && error instanceof InfraError && !error.hint) {
      throw new InfraError(error.message, {
        hint: 'npm run infra:down stops what did start.',
        logTail: error.logTail,
      });
    }
    throw error;
  }
  return { started, reused };
}

/** What can fail before anything starts (ports, Java, jars) fails first, so a failed `up` leaves nothing behind. */
async function preflight(settings: InfraSettings, log: Log): Promise<void> {
  const state = await readState(settings.paths.stateFile);
  const toStart = (component: Component) => !isOurs(state[component]);
  if (settings.postgres.mode === 'external') {
    const { host, port } = settings.postgres;
    await timed(
      log,
      async () =>
        assertReplicationSettings(settings, (await readConnectorFiles(settings.paths.connectorsDir)).length),
      () => `postgres (external, EDR_PG_URL) on ${host}:${port}: wal_level=logical`,
    );
  } else if (toStart('postgres')) {
    await assertPortsFree('postgres', { EDR_PG_PORT: settings.postgres.port });
  }
  if (toStart('kafka')) {
    await assertPortsFree('kafka', {
      EDR_KAFKA_PORT: settings.kafka.port,
      EDR_KAFKA_CONTROLLER_PORT: settings.kafka.controllerPort,
    });
  }
  if (toStart('connect')) await assertPortsFree('connect', { EDR_CONNECT_PORT: settings.connect.port });
  if (toStart('kafka') || toStart('connect')) {
    assertJava(settings.javaBin);
    await timed(
      log,
      () => ensureJars(settings, log),
      (v) => `jars: Kafka ${v.kafka}, Debezium ${v.debezium}${v.resolved ? ' (fetched)' : ' (cached)'}`,
    );
  }
}

async function upPostgres(settings: InfraSettings, log: Log): Promise<'started' | 'reused' | 'external'> {
  // An external server was checked in preflight; there is no process of ours to manage.
  if (settings.postgres.mode === 'external') return 'external';
  const { port } = settings.postgres;
  return upProcess(settings, log, 'postgres', {
    ports: { EDR_PG_PORT: port },
    start: () => startPostgres(settings, TIMEOUT_MS.postgres),
    probe: () => probePostgres(settings.postgres.superuserUrl),
    describe: (r) =>
      `postgres ${'version' in r ? `${String(r.version)} ` : ''}on ${r.endpoint} (pid ${r.pid})`,
  });
}

interface ProcessSteps {
  readonly ports: Record<string, number>;
  readonly start: () => Promise<ProcessRecord>;
  readonly probe: () => Promise<unknown>;
  readonly describe: (record: ProcessRecord) => string;
}

/** Reuses our running instance (after a health check) or checks the ports and starts a new one. */
async function upProcess(
  settings: InfraSettings,
  log: Log,
  component: Component,
  steps: ProcessSteps,
): Promise<'started' | 'reused'> {
  const { stateFile } = settings.paths;
  const existing = (await readState(stateFile))[component];
  if (existing && isOurs(existing)) {
    // Ours and alive, maybe still starting (a parallel infra:up): give it the health wait a fresh start gets.
    const begun = performance.now();
    await waitFor(async () => ((await steps.probe()) === undefined ? undefined : true), {
      what: `the running ${component} (pid ${existing.pid}) to answer`,
      timeoutMs: 30_000,
      pid: existing.pid,
    });
    log(`✓ ${steps.describe(existing)} already running (${seconds(performance.now() - begun)})`);
    return 'reused';
  }
  await assertPortsFree(component, steps.ports);
  const record = await timed(log, steps.start, steps.describe);
  const { pid, marker, endpoint, startedAt } = record;
  await updateState(stateFile, component, { pid, marker, endpoint, startedAt });
  return 'started';
}

async function upConnectors(settings: InfraSettings, log: Log): Promise<void> {
  const url = settings.connect.url;
  await timed(
    log,
    async () => {
      const connectors = await readConnectorFiles(settings.paths.connectorsDir);
      const removed = await removeStaleConnectors(
        url,
        settings.postgres.superuserUrl,
        connectors.map((connector) => connector.name),
        TIMEOUT_MS.connector,
      );
      if (removed.length) log(`· removed connectors without a file (and their slots): ${removed.join(', ')}`);
      const outcomes = [];
      for (const connector of connectors) {
        const outcome = await registerConnector(url, connector, TIMEOUT_MS.connector);
        if (outcome === 'unchanged') await restartFailed(url, connector.name).catch(() => undefined);
        outcomes.push(outcome);
      }
      await Promise.all(
        connectors.map((connector) => waitConnectorRunning(url, connector.name, TIMEOUT_MS.connector)),
      );
      const changed = outcomes.filter((outcome) => outcome !== 'unchanged').length;
      return { count: connectors.length, changed };
    },
    ({ count, changed }) => `connectors: ${count} RUNNING (${changed} registered or updated)`,
  );
}
