/**
 * The whole system as users run it (`npm run demo`, docker-compose.yml): every service of @edr/topology and two
 * instances of each worker, with the settings the demo and compose give them (each service's own log level).
 * The demo and the bench both start it here, so the bench measures what the demo runs.
 *
 * It uses only what every revision of the project since the label workers has (startService from @edr/testing,
 * infraUp/infraDown/infraEndpoints/infraStatus from @edr/infra, Services/Workers from @edr/topology):
 * `npm run bench -- --compare <ref>` copies this folder into a checkout of another revision and starts that
 * revision's system with it. Each service's DATABASE_URL comes from that revision's infraEndpoints(), never from
 * here, so a comparison across a change of the database layout starts each side as its own code says.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type ServiceName, Services, serviceNames, type WorkerName, Workers } from '@edr/topology';
import {
  COMPONENTS,
  infraDown,
  infraEndpoints,
  type InfraEndpoints,
  infraStatus,
  infraUp,
  type Shutdown,
} from '@edr/infra';
import { repoRoot, type RunningService, startService } from '@edr/testing';

/** Instances per worker app, as the demo and compose (`deploy.replicas: 2`) run them. */
export const workerInstances = 2;

/** Which HTTP ports of @edr/topology the processes listen on: the demo's (and compose's) or the bench's. */
export type PortSet = 'demo' | 'bench';

export interface SystemSpec {
  readonly ports: PortSet;
  /** App names (`apps/<name>`) to leave out, for diagnosis; the whole system when empty. */
  readonly without?: ReadonlySet<string>;
  /** Extra environment for every process (e.g. {@link faultsOffEnv}). */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra node flags of each process by its id (app name, or worker instance id like label-worker-2), e.g. --cpu-prof. */
  readonly nodeArgs?: (id: string) => readonly string[];
  /** Called as each process is healthy. */
  readonly onStarted?: (process: RunningService) => void;
}

export interface RunningSystem {
  /** The services started (all but those left out). */
  readonly services: Partial<Record<ServiceName, RunningService>>;
  /** Worker instances started, e.g. label-worker-1, label-worker-2. */
  readonly workers: readonly { readonly id: string; readonly process: RunningService }[];
}

/** Every app the whole system runs: the services, then the workers. */
export const systemApps = (): string[] => [
  ...serviceNames.map((name) => Services[name].app),
  ...Object.values(Workers).map((worker) => worker.app),
];

/**
 * FAULT_* variables of the calling shell, emptied (empty = off, libs/fault-injection): a process inherits the
 * tool's environment, and a fault injected in a shell must not reach a measurement. (The demo keeps them: someone
 * may run it with faults on purpose.)
 */
export function faultsOffEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.keys(process.env)
      .filter((name) => name.startsWith('FAULT_'))
      .map((name) => [name, '']),
  );
}

const portOf = (app: { port: number; benchPort: number }, ports: PortSet) =>
  ports === 'demo' ? app.port : app.benchPort;

export interface StartOptions {
  readonly ports: PortSet;
  readonly env?: Readonly<Record<string, string>>;
  readonly nodeArgs?: readonly string[];
}

/**
 * Starts the built app `apps/<app>` (stopped by `shutdown`) on the database of `context`, as the infrastructure
 * names it (infraEndpoints().databaseUrl: whatever layout this revision has).
 */
function startAppProcess(
  shutdown: Shutdown,
  app: { readonly app: string; readonly port: number; readonly context: ServiceName },
  options: StartOptions,
  extra: { readonly logFile?: string; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<RunningService> {
  const endpoints = infraEndpoints();
  return shutdown.start(
    () =>
      startService({
        name: app.app,
        port: app.port,
        ...(extra.logFile ? { logFile: extra.logFile } : {}),
        nodeArgs: options.nodeArgs ?? [],
        env: {
          DATABASE_URL: endpoints.databaseUrl(app.context),
          KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
          ...extra.env,
          ...options.env,
        },
      }),
    (service) => service.stop(),
  );
}

/** Starts one service on its port of `options.ports`. */
export const startSystemService = (shutdown: Shutdown, name: ServiceName, options: StartOptions) =>
  startAppProcess(
    shutdown,
    { app: Services[name].app, port: portOf(Services[name], options.ports), context: name },
    options,
  );

/** Worker instance `instance` (1, 2, …) on port base + instance − 1: one member of the worker's consumer group. */
export function startWorkerInstance(
  shutdown: Shutdown,
  name: WorkerName,
  instance: number,
  options: StartOptions,
): Promise<RunningService> {
  const worker = Workers[name];
  const id = `${worker.name}-${instance}`;
  return startAppProcess(
    shutdown,
    { app: worker.app, port: portOf(worker, options.ports) + instance - 1, context: worker.context },
    options,
    { logFile: join(repoRoot, '.infra', 'logs', `${id}.log`), env: { WORKER_ID: id } },
  );
}

/**
 * Infrastructure up: what is not running yet is started, and stopped again when the tool stops (what already ran
 * stays). What the demo and the bench do first.
 */
export async function infraUpUntilStopped(
  shutdown: Shutdown,
  options: { readonly quiet: boolean },
): Promise<InfraEndpoints> {
  const log = options.quiet ? { log: () => undefined } : {};
  await shutdown.start(
    () => infraUp({ rollbackOnFailure: true, ...log }),
    async ({ started }) => {
      if (started.length) await infraDown({ only: started, ...log });
    },
    'last',
  );
  return infraEndpoints();
}

/** `tsc -b` of every app and lib (the system runs the built apps); throws when it fails. */
export function build(): void {
  const result = spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed (npx tsc -b tsconfig.build.json; see above)');
}

/**
 * Starts the whole system (less `without`): the services in parallel, then the workers, which need their
 * service's migrations and task topic (shipping-service creates what label-worker shares).
 */
export async function startSystem(shutdown: Shutdown, spec: SystemSpec): Promise<RunningSystem> {
  const without = spec.without ?? new Set<string>();
  const argsOf = spec.nodeArgs ?? (() => []);
  const options = { ports: spec.ports, env: spec.env ?? {} };
  const names = serviceNames.filter((name) => !without.has(Services[name].app));
  const started = await Promise.all(
    names.map(async (name) => {
      const service = await startSystemService(shutdown, name, {
        ...options,
        nodeArgs: argsOf(Services[name].app),
      });
      spec.onStarted?.(service);
      return [name, service] as const;
    }),
  );
  const workerNames = (Object.keys(Workers) as WorkerName[]).filter(
    (name) => !without.has(Workers[name].app),
  );
  const workers = await Promise.all(
    workerNames.flatMap((name) =>
      Array.from({ length: workerInstances }, async (_, i) => {
        const id = `${Workers[name].name}-${i + 1}`;
        const process = await startWorkerInstance(shutdown, name, i + 1, {
          ...options,
          nodeArgs: argsOf(id),
        });
        spec.onStarted?.(process);
        return { id, process };
      }),
    ),
  );
  return { services: Object.fromEntries(started), workers };
}

/** Pids of the infrastructure processes that run now (Postgres, Kafka, Connect), by component. */
export async function infraPids(): Promise<Record<string, number>> {
  const status = await infraStatus();
  return Object.fromEntries(
    status.components.flatMap((c) =>
      c.state === 'running' && c.pid !== undefined && COMPONENTS.includes(c.component)
        ? [[c.component, c.pid] as const]
        : [],
    ),
  );
}
