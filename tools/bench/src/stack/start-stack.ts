import path from 'node:path';
import { type ServiceName, Services, serviceNames } from '@edr/topology';
import type { InfraEndpoints, Shutdown } from '@edr/infra';
import type { RunningService } from '@edr/testing';
import {
  build,
  faultsOffEnv,
  infraPids,
  infraUpUntilStopped,
  startSystem,
} from '../../../system/src/whole-system.js';
import type { MeasuredProcess } from '../probes/measured-processes.js';

export interface Stack {
  readonly endpoints: InfraEndpoints;
  /** The services started: all of @edr/topology's unless some were left out (--without). */
  readonly services: Partial<Readonly<Record<ServiceName, RunningService>>>;
  /** Postgres, Kafka, Connect (their pids from tools/infra), the services and every worker instance. */
  readonly processes: readonly MeasuredProcess[];
  readonly infraPids: Readonly<Record<string, number>>;
  /** What the bench sets in the processes' environment beyond their defaults (no URLs: they hold passwords). */
  readonly serviceEnv: Readonly<Record<string, string>>;
  /** App names left out (--without); empty: the whole system. */
  readonly without: readonly string[];
}

export interface StackOptions {
  /** Where every process writes a V8 CPU profile at its exit (node --cpu-prof); null: none. */
  readonly cpuProf?: string | null;
  /** App names (`apps/<name>`) to leave out. */
  readonly without?: readonly string[];
}

/**
 * Infrastructure up (what is not running yet is started, and stopped again when the bench ends) and a fresh build:
 * what every bench does before it starts services.
 */
export async function infraAndBuild(
  shutdown: Shutdown,
  log: (line: string) => void,
): Promise<InfraEndpoints> {
  log('▸ infrastructure');
  const endpoints = await infraUpUntilStopped(shutdown, { quiet: true });
  log('▸ build');
  build();
  return endpoints;
}

/** A service the bench talks to; a clear error when --without left it out. */
export function serviceOf(stack: Stack, name: ServiceName): RunningService {
  const service = stack.services[name];
  if (!service) {
    throw new Error(
      `the bench needs ${Services[name].app}, which --without left out; remove it from --without`,
    );
  }
  return service;
}

/**
 * The whole system as `npm run demo` runs it (tools/system: every service and two instances of each worker, on the
 * bench's ports, fault injection off), after infrastructure and build. Everything goes through `shutdown.start`,
 * so Ctrl-C stops it whenever it comes.
 */
export async function startStack(
  shutdown: Shutdown,
  log: (line: string) => void,
  options: StackOptions = {},
): Promise<Stack> {
  const endpoints = await infraAndBuild(shutdown, log);
  const without = options.without ?? [];
  log(`▸ services and workers${without.length ? ` (without ${without.join(', ')})` : ''}`);
  const profiles = options.cpuProf ? path.resolve(options.cpuProf) : null;
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  // One profile per process, named after it (label-worker-1, order-service, …), so a run's files say whose they are.
  const nodeArgs = (id: string) =>
    profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`, `--cpu-prof-name=${id}-${stamp}.cpuprofile`] : [];
  const faultsOff = faultsOffEnv();
  const system = await startSystem(shutdown, {
    ports: 'bench',
    without: new Set(without),
    env: faultsOff,
    nodeArgs,
  });
  const pids = await infraPids();
  const processes: MeasuredProcess[] = [
    ...Object.entries(pids).map(([name, pid]) => ({ name, pid, kind: 'infra' as const })),
    ...serviceNames.flatMap((name) => {
      const service = system.services[name];
      return service
        ? [{ name: Services[name].app, pid: service.process.pid!, kind: 'service' as const }]
        : [];
    }),
    ...system.workers.map((worker) => ({
      name: worker.id,
      pid: worker.process.process.pid!,
      kind: 'service' as const,
    })),
  ];
  return {
    endpoints,
    services: system.services,
    processes,
    infraPids: pids,
    serviceEnv: faultsOff,
    without,
  };
}
