import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path, { join } from 'node:path';
import { type ServiceName, Services, serviceNames } from '@edr/topology';
import {
  COMPONENTS,
  infraDown,
  infraEndpoints,
  type InfraEndpoints,
  infraUp,
  type Shutdown,
} from '@edr/infra';
import { repoRoot, type RunningService, startService } from '@edr/testing';
import type { MeasuredProcess } from '../probes/measured-processes.js';

export interface Stack {
  readonly endpoints: InfraEndpoints;
  readonly services: Readonly<Record<ServiceName, RunningService>>;
  /** Postgres, Kafka, Connect (pids from .infra/state.json) and the five services. */
  readonly processes: readonly MeasuredProcess[];
  readonly infraPids: Readonly<Record<string, number>>;
  /** What the bench sets in the services' environment beyond their defaults (no URLs: they hold passwords). */
  readonly serviceEnv: Readonly<Record<string, string>>;
}

const serviceEnv = { LOG_LEVEL: 'warn' };

/**
 * Infrastructure up (what is not running yet is started, and stopped again when the bench ends) and a fresh build:
 * what every bench does before it starts services.
 */
export async function infraAndBuild(
  shutdown: Shutdown,
  log: (line: string) => void,
): Promise<InfraEndpoints> {
  log('▸ infrastructure');
  await shutdown.start(
    () => infraUp({ rollbackOnFailure: true, log: () => undefined }),
    async ({ started }) => {
      if (started.length) await infraDown({ only: started, log: () => undefined });
    },
    'last',
  );
  log('▸ build');
  if (
    spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0
  ) {
    throw new Error('build failed (npx tsc -b tsconfig.build.json)');
  }
  return infraEndpoints();
}

/**
 * The whole stack as a user runs it: infrastructure (what is not already running is started, and stopped again at
 * the end), a fresh build, every service of @edr/topology on its bench port. Everything goes through
 * `shutdown.start`, so Ctrl-C stops it whenever it comes.
 */
export async function startStack(
  shutdown: Shutdown,
  log: (line: string) => void,
  cpuProfDir: string | null = null,
): Promise<Stack> {
  const endpoints = await infraAndBuild(shutdown, log);
  log('▸ services');
  const started = await Promise.all(
    serviceNames.map((name) =>
      shutdown.start(
        () =>
          startService({
            name: Services[name].app,
            port: Services[name].benchPort,
            nodeArgs: cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProfDir)}`] : [],
            env: {
              DATABASE_URL: endpoints.databaseUrl(name),
              KAFKA_BROKERS: endpoints.kafkaBrokers.join(','),
              ...serviceEnv,
            },
          }),
        (service) => service.stop(),
      ),
    ),
  );
  const services = Object.fromEntries(serviceNames.map((name, i) => [name, started[i]!])) as Record<
    ServiceName,
    RunningService
  >;
  const state = JSON.parse(readFileSync(join(repoRoot, '.infra', 'state.json'), 'utf8')) as Record<
    string,
    { pid: number } | undefined
  >;
  const infraPids = Object.fromEntries(
    COMPONENTS.flatMap((component) => (state[component] ? [[component, state[component].pid] as const] : [])),
  );
  const processes: MeasuredProcess[] = [
    ...Object.entries(infraPids).map(([name, pid]) => ({ name, pid, kind: 'infra' as const })),
    ...serviceNames.map((name) => ({
      name: Services[name].app,
      pid: services[name].process.pid!,
      kind: 'service' as const,
    })),
  ];
  return { endpoints, services, processes, infraPids, serviceEnv };
}
