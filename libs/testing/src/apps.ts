import { type ServiceName, Services } from '@edr/topology';
import { infra } from './infra.js';
import { startService } from './service-process.js';

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
