import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InfraError } from './errors.js';

// A type-only import (erased when tsx runs this file), so infra:up needs no build of libs/topology.
import { type ServiceName, Services } from '@edr/topology';

export type { ServiceName };

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a TCP port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

const envSchema = z.object({
  EDR_PG_PORT: port(5432),
  EDR_PG_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/[^@/]+@[^/]+\/[^/?]+$/,
      'must look like postgres://superuser:password@host:5432/postgres',
    )
    .optional(),
  EDR_KAFKA_PORT: port(9092),
  EDR_KAFKA_CONTROLLER_PORT: port(9093),
  EDR_CONNECT_PORT: port(8083),
  EDR_INFRA_DIR: z.string().min(1, 'must be a directory path').optional(),
  JAVA_HOME: z.string().optional(),
});

export interface PostgresSettings {
  /** 'embedded': tools/infra runs the cluster; 'external': EDR_PG_URL points at the user's own server. */
  readonly mode: 'embedded' | 'external';
  readonly host: string;
  readonly port: number;
  readonly superuser: string;
  readonly superuserPassword: string;
  /** Database the superuser connects to first (init.sql starts there). */
  readonly adminDatabase: string;
  readonly superuserUrl: string;
  readonly debeziumUser: string;
  readonly debeziumPassword: string;
}

export interface InfraPaths {
  readonly repoRoot: string;
  readonly infraDir: string;
  readonly pomFile: string;
  readonly kafkaLibs: string;
  readonly connectPlugins: string;
  readonly postgresData: string;
  readonly kafkaData: string;
  readonly kafkaClusterIdFile: string;
  readonly configDir: string;
  readonly logsDir: string;
  readonly stateFile: string;
  readonly initSql: string;
  readonly connectorsDir: string;
}

export interface InfraSettings {
  readonly postgres: PostgresSettings;
  readonly kafka: {
    readonly port: number;
    readonly controllerPort: number;
    readonly brokers: readonly string[];
  };
  readonly connect: { readonly port: number; readonly url: string };
  readonly javaBin: string;
  readonly paths: InfraPaths;
  /** Environment handed to the processes we spawn (PATH etc.); the only copy of process.env outside this file. */
  readonly childEnv: Readonly<Record<string, string | undefined>>;
}

// tools/infra/src → repository root; resolved from this file so every cwd (npm scripts, Jest, the demo) agrees.
const defaultRepoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function parseSettings(
  env: Readonly<Record<string, string | undefined>>,
  repoRoot = defaultRepoRoot,
): InfraSettings {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(environment)');
      const value = env[name];
      return `  - ${name} ${value === undefined ? 'is not set' : `is "${value}"`}: ${issue.message}`;
    });
    throw new InfraError(`Invalid tools/infra configuration:\n${lines.join('\n')}`, {
      hint: 'Fix or unset the variables above (see docs/adr/0002-local-infrastructure-without-docker.md).',
    });
  }
  const e = result.data;
  const infraDir = path.resolve(repoRoot, e.EDR_INFRA_DIR ?? '.infra');
  const postgres = e.EDR_PG_URL ? externalPostgres(e.EDR_PG_URL) : embeddedPostgres(e.EDR_PG_PORT);
  return {
    postgres,
    kafka: {
      port: e.EDR_KAFKA_PORT,
      controllerPort: e.EDR_KAFKA_CONTROLLER_PORT,
      brokers: [`localhost:${e.EDR_KAFKA_PORT}`],
    },
    connect: { port: e.EDR_CONNECT_PORT, url: `http://127.0.0.1:${e.EDR_CONNECT_PORT}` },
    javaBin: e.JAVA_HOME ? path.join(e.JAVA_HOME, 'bin', 'java') : 'java',
    paths: {
      repoRoot,
      infraDir,
      pomFile: path.join(repoRoot, 'tools', 'infra', 'pom.xml'),
      kafkaLibs: path.join(infraDir, 'cache', 'kafka', 'libs'),
      connectPlugins: path.join(infraDir, 'cache', 'connect-plugins'),
      postgresData: path.join(infraDir, 'data', 'postgres'),
      kafkaData: path.join(infraDir, 'data', 'kafka'),
      kafkaClusterIdFile: path.join(infraDir, 'data', 'kafka-cluster-id'),
      configDir: path.join(infraDir, 'config'),
      logsDir: path.join(infraDir, 'logs'),
      stateFile: path.join(infraDir, 'state.json'),
      initSql: path.join(repoRoot, 'infra', 'postgres', 'init.sql'),
      connectorsDir: path.join(repoRoot, 'infra', 'debezium', 'connectors'),
    },
    childEnv: { ...env },
  };
}

const debezium = { debeziumUser: 'debezium', debeziumPassword: 'debezium' };

function embeddedPostgres(port: number): PostgresSettings {
  const host = '127.0.0.1';
  return {
    mode: 'embedded',
    host,
    port,
    superuser: 'postgres',
    superuserPassword: 'postgres',
    adminDatabase: 'postgres',
    superuserUrl: `postgres://postgres:postgres@${host}:${port}/postgres`,
    ...debezium,
  };
}

function externalPostgres(url: string): PostgresSettings {
  const u = new URL(url);
  return {
    mode: 'external',
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    superuser: decodeURIComponent(u.username),
    superuserPassword: decodeURIComponent(u.password),
    adminDatabase: decodeURIComponent(u.pathname.slice(1)),
    superuserUrl: url,
    ...debezium,
  };
}

/**
 * DATABASE_URL of a service as docs/system-contract.md defines it: its role (password = role name) on the system
 * database, where the role's own schema comes first in the default search_path.
 */
export function databaseUrl(settings: InfraSettings, service: ServiceName): string {
  const { host, port } = settings.postgres;
  const { role, database } = Services[service];
  return `postgres://${role}:${role}@${host}:${port}/${database}`;
}

let cached: InfraSettings | undefined;

/** Settings parsed once per process from the environment. */
export function getSettings(): InfraSettings {
  cached ??= parseSettings(process.env);
  return cached;
}
