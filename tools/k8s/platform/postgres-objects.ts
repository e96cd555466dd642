// CloudNativePG objects: one Database per service database, a managed login role per service (and Debezium's
// replication role), pg_hba rules that let each role reach only its database, and the SQL that gives every
// database the heartbeat table and the publication Debezium reads (what infra/postgres/init.sql does locally).
//
// Why not CNPG's Publication resource: the operator creates a publication as the superuser and has no owner field,
// but the outbox migration of each service (libs/outbox) runs `ALTER PUBLICATION edr_outbox ADD TABLE outbox` as
// the service role, which must own the publication. So the publication is created once in template1 at initdb
// (every Database below is copied from template1), owned by a NOLOGIN role that every publishing service role is a
// member of: PostgreSQL's ownership check accepts members of the owning role.
import { type ServiceTopology, Services } from '@edr/topology';
import type { ConnectorFile, PlatformInputs } from './platform-inputs.js';
import {
  DEBEZIUM_ROLE,
  GENERATED_LABELS,
  POSTGRES_CLUSTER,
  PUBLISHER_ROLE,
  k8sName,
  roleSecretName,
} from './names.js';

/** What the connectors need in each database they stream from, read from their files. */
export interface DebeziumNeeds {
  readonly publication: string;
  readonly heartbeatTable: string;
  readonly schemas: readonly string[];
  /** Databases with a connector. */
  readonly databases: readonly string[];
}

function single(values: string[], what: string): string {
  const distinct = [...new Set(values)];
  if (distinct.length !== 1) {
    throw new Error(
      `infra/debezium/connectors: every connector must use one ${what}, found ${distinct.join(', ') || 'none'}; ` +
        'postgres-objects.ts creates one per database from template1',
    );
  }
  return distinct[0]!;
}

export function debeziumNeeds(connectors: readonly ConnectorFile[]): DebeziumNeeds {
  const config = (key: string) => connectors.map((c) => c.config[key] ?? '');
  const heartbeatTable = single(
    config('heartbeat.action.query').map((query) => /^UPDATE\s+(\w+)\s/i.exec(query)?.[1] ?? ''),
    '"heartbeat.action.query" of the form UPDATE <table> …',
  );
  const schemas = [
    ...new Set(
      config('table.include.list').flatMap((list) => list.split(',').map((t) => t.trim().split('.')[0]!)),
    ),
  ].sort();
  if (schemas.some((schema) => schema !== 'public')) {
    throw new Error(
      `infra/debezium/connectors: "table.include.list" names schemas ${schemas.join(', ')}; postgres-objects.ts ` +
        'only grants Debezium the public schema: add the per-schema grants there (and who owns each schema)',
    );
  }
  return {
    publication: single(config('publication.name'), '"publication.name"'),
    heartbeatTable,
    schemas,
    databases: [...new Set(config('database.dbname'))].sort(),
  };
}

/** The apps' distinct (database, role) pairs: workers share their service's. */
const servicesOf = () => Object.values(Services) as ServiceTopology[];

export function databases() {
  return servicesOf().map((service) => ({
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Database',
    metadata: { name: `${POSTGRES_CLUSTER}-${k8sName(service.database)}`, labels: { ...GENERATED_LABELS } },
    spec: {
      cluster: { name: POSTGRES_CLUSTER },
      name: service.database,
      owner: service.role,
      ensure: 'present',
      // Deleting the object must never drop a service's data.
      databaseReclaimPolicy: 'retain',
    },
  }));
}

const secretRef = (role: string) => ({ name: roleSecretName(role) });

export function managedRoles(needs: DebeziumNeeds) {
  const publishing = new Set(needs.databases);
  return [
    {
      name: PUBLISHER_ROLE,
      ensure: 'present',
      login: false,
      inherit: false,
      comment: 'owns the outbox publications',
    },
    {
      name: DEBEZIUM_ROLE,
      ensure: 'present',
      login: true,
      replication: true,
      passwordSecret: secretRef(DEBEZIUM_ROLE),
      comment: 'Debezium (Kafka Connect): logical replication from the publishing databases',
    },
    ...servicesOf().map((service) => ({
      name: service.role,
      ensure: 'present',
      login: true,
      inherit: true,
      passwordSecret: secretRef(service.role),
      ...(publishing.has(service.database) ? { inRoles: [PUBLISHER_ROLE] } : {}),
      comment: `${service.app} and its workers`,
    })),
  ];
}

/** pg_hba lines before CNPG's own catch-all: each role reaches its database only, Debezium the publishing ones. */
export function hbaRules(needs: DebeziumNeeds): string[] {
  return [
    ...servicesOf().map((service) => `host ${service.database} ${service.role} all scram-sha-256`),
    ...needs.databases.map((database) => `host ${database} ${DEBEZIUM_ROLE} all scram-sha-256`),
    'host all all all reject',
  ];
}

/**
 * Runs once, in template1, when CNPG initialises the cluster; every Database created later is a copy. The roles are
 * created here because the grants below name them; the managed roles then set their login and passwords.
 */
export function templateSql(needs: DebeziumNeeds): string[] {
  const roles = servicesOf().map((service) => service.role);
  return [
    `CREATE ROLE ${PUBLISHER_ROLE} NOLOGIN`,
    `CREATE ROLE ${DEBEZIUM_ROLE} NOLOGIN REPLICATION`,
    ...roles.map((role) => `CREATE ROLE ${role} NOLOGIN`),
    // Debezium's heartbeat.action.query moves the slot on while the outbox is idle (see infra/postgres/init.sql).
    `CREATE TABLE ${needs.heartbeatTable} (id int PRIMARY KEY, ts timestamptz)`,
    `ALTER TABLE ${needs.heartbeatTable} OWNER TO ${DEBEZIUM_ROLE}`,
    `INSERT INTO ${needs.heartbeatTable} (id, ts) VALUES (1, now())`,
    `CREATE PUBLICATION ${needs.publication} FOR TABLE ${needs.heartbeatTable}`,
    `ALTER PUBLICATION ${needs.publication} OWNER TO ${PUBLISHER_ROLE}`,
    ...needs.schemas.flatMap((schema) => [
      `GRANT USAGE ON SCHEMA ${schema} TO ${DEBEZIUM_ROLE}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${roles.join(', ')} IN SCHEMA ${schema} GRANT SELECT ON TABLES TO ${DEBEZIUM_ROLE}`,
    ]),
  ];
}

/** A patch to the hand-written Cluster (k8s/base/platform/postgres.yaml): the parts derived from the topology. */
export function clusterPatch(inputs: PlatformInputs) {
  const needs = debeziumNeeds(inputs.connectors);
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: POSTGRES_CLUSTER },
    spec: {
      bootstrap: { initdb: { postInitTemplateSQL: templateSql(needs) } },
      postgresql: { pg_hba: hbaRules(needs) },
      managed: { roles: managedRoles(needs) },
    },
  };
}

/** Throwaway passwords for the dev overlay (the role's name, as locally); prod brings its own Secrets. */
export function devRoleSecrets() {
  const roles = [DEBEZIUM_ROLE, ...servicesOf().map((service) => service.role)];
  return roles.map((role) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: roleSecretName(role), labels: { ...GENERATED_LABELS, 'cnpg.io/reload': 'true' } },
    type: 'kubernetes.io/basic-auth',
    stringData: { username: role, password: role },
  }));
}
