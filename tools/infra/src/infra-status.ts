import { probeConnect } from './connect.js';
import { probeKafka } from './kafka.js';
import { probePostgres } from './postgres.js';
import { COMPONENTS, isOurs, readState, type Component } from './process-state.js';
import { memoryBytes } from './processes.js';
import { getSettings, type InfraSettings } from './settings.js';

export interface ComponentStatus {
  readonly component: Component;
  /** running = our process is alive; external = EDR_PG_URL; stale = recorded but gone; stopped = not started by us. */
  readonly state: 'running' | 'stopped' | 'stale' | 'external';
  /** Whether it answered its health probe (pg connection, Kafka metadata, Connect GET /). */
  readonly healthy: boolean;
  readonly pid?: number;
  readonly endpoint: string;
  /** Memory of the process tree (PSS sum, RSS where PSS is unavailable), bytes. */
  readonly memoryBytes?: number;
}

export interface ConnectorState {
  readonly name: string;
  readonly connector: string;
  readonly tasks: readonly string[];
}

export interface InfraStatus {
  readonly components: readonly ComponentStatus[];
  readonly connectors: readonly ConnectorState[];
}

export async function infraStatus(): Promise<InfraStatus> {
  const settings = getSettings();
  const state = await readState(settings.paths.stateFile);
  const components = await Promise.all(
    COMPONENTS.map(async (component): Promise<ComponentStatus> => {
      const endpoint = endpointOf(settings, component);
      const healthy = await probe(settings, component).then(
        () => true,
        () => false,
      );
      if (component === 'postgres' && settings.postgres.mode === 'external') {
        return { component, state: 'external', healthy, endpoint };
      }
      const record = state[component];
      if (!record) return { component, state: 'stopped', healthy, endpoint };
      if (!isOurs(record)) return { component, state: 'stale', healthy, endpoint, pid: record.pid };
      return {
        component,
        state: 'running',
        healthy,
        endpoint,
        pid: record.pid,
        memoryBytes: memoryBytes(record.pid),
      };
    }),
  );
  return { components, connectors: await connectorStates(settings.connect.url) };
}

function endpointOf(settings: InfraSettings, component: Component): string {
  if (component === 'postgres') return `${settings.postgres.host}:${settings.postgres.port}`;
  return component === 'kafka' ? settings.kafka.brokers.join(',') : settings.connect.url;
}

function probe(settings: InfraSettings, component: Component): Promise<unknown> {
  if (component === 'postgres') return probePostgres(settings.postgres.superuserUrl);
  return component === 'kafka' ? probeKafka(settings.kafka.brokers) : probeConnect(settings.connect.url);
}

async function connectorStates(url: string): Promise<ConnectorState[]> {
  try {
    const response = await fetch(`${url}/connectors?expand=status`, { signal: AbortSignal.timeout(3_000) });
    if (!response.ok) return [];
    const body = (await response.json()) as Record<
      string,
      { status: { connector: { state: string }; tasks: { state: string }[] } }
    >;
    return Object.entries(body)
      .map(([name, { status }]) => ({
        name,
        connector: status.connector.state,
        tasks: status.tasks.map((t) => t.state),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}
