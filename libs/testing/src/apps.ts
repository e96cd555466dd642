import { type ServiceName, Services, type WorkerName, Workers } from '@edr/topology';
import { infra } from './infra.js';
import { join } from 'node:path';
import { repoRoot, startService } from './service-process.js';

export type AppName = ServiceName;

export const serviceDatabaseUrl = (service: AppName) => infra.databaseUrl(service);

/** Test ports differ from the demo's, so a running demo does not collide with the tests. */
export const testPorts = Object.fromEntries(
  Object.values(Services).map((service) => [service.name, service.testPort]),
) as Record<AppName, number>;

/** Starts `apps/<name>-service/dist/main.js` against the local infrastructure; `env` overrides its settings. */
export const startApp = (name: AppName, env: Readonly<Record<string, string>> = {}) =>
  startService({
    name: Services[name].app,
    port: testPorts[name],
    env: {
      DATABASE_URL: serviceDatabaseUrl(name),
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      ...env,
    },
  });

/**
 * Starts instance `instance` (1, 2, ...) of a worker app (`apps/<app>/dist/main.js`) on its service's database:
 * port testPort + instance - 1, WORKER_ID `<name>-<instance>`, so several instances run side by side.
 */
export const startWorker = (
  name: WorkerName,
  instance: number,
  env: Readonly<Record<string, string>> = {},
) => {
  const worker = Workers[name];
  const id = `${worker.name}-${instance}`;
  return startService({
    name: worker.app,
    port: worker.testPort + instance - 1,
    logFile: join(repoRoot, '.infra', 'logs', `${id}.log`),
    env: {
      DATABASE_URL: serviceDatabaseUrl(worker.context),
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      WORKER_ID: id,
      ...env,
    },
  });
};
