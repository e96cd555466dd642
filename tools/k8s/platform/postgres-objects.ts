// CloudNativePG objects for the one database `edr` with a schema per service (docs/adr/0009): a managed login role
// per service (and Debezium's replication role), pg_hba rules that let each role reach `edr` only, the Database
// object with each service's schema owned by its role, and the bootstrap SQL that does what infra/postgres/init.sql
// does locally (generate-platform.spec.ts compares the two statement by statement).
//
// Where the SQL runs: `edr` is the database CNPG's initdb bootstraps (spec.bootstrap.initdb.database), so
// postInitApplicationSQL runs in it, as the superuser, once, right after it is created. That is the only hook that
// can grant privileges on the database itself (projection_svc's CREATE; a template's ACL is not copied by CREATE
// DATABASE) and the only one that runs before anything connects. postInitSQL (database `postgres`, before) creates
// the roles the grants name; the managed roles then give them LOGIN and their passwords.
//
// Why not CNPG's Publication resource: the operator creates a publication as the superuser and has no owner field,
// but each service's outbox migration (libs/outbox) runs `ALTER PUBLICATION edr_outbox ADD TABLE <role>.outbox` as
// the service role, which must own the publication. So the SQL creates it, owned by the NOLOGIN `edr_capture` that
// every service role is a member of: PostgreSQL's ownership check accepts members of the owning role.
import { type ServiceTopology, Services, systemDatabase } from '@edr/topology';
import type { ConnectorFile, PlatformInputs } from './platform-inputs.js';
import {
  CAPTURE_ROLE,
  DATABASE_OWNER_ROLE,
  DEBEZIUM_ROLE,
  GENERATED_LABELS,
  POSTGRES_CLUSTER,
  k8sName,
  roleSecretName,
} from './names.js';

/** What the connectors need in the database they stream from, read from their files. */
export interface DebeziumNeeds {
  readonly database: string;
  readonly publication: string;
  /** Schema-qualified, as `heartbeat.action.query` names it (`capture.debezium_heartbeat`). */
  readonly heartbeatTable: string;
  readonly heartbeatSchema: string;
}

function single(values: string[], what: string): string {
  const distinct = [...new Set(values)];
  if (distinct.length !== 1 || !distinct[0]) {
    throw new Error(
      `infra/debezium/connectors: every connector must use one ${what}, found ${distinct.filter(Boolean).join(', ') || 'none'}; ` +
        `the system has one database (${systemDatabase}) with one publication (docs/adr/0009)`,
    );
  }
  return distinct[0]!;
}

/** The services' distinct roles, in libs/topology's order (workers share their service's). */
const serviceRoles = () => (Object.values(Services) as ServiceTopology[]).map((service) => service.role);

export function debeziumNeeds(connectors: readonly ConnectorFile[]): DebeziumNeeds {
  const config = (key: string) => connectors.map((c) => c.config[key] ?? '');
  const database = single(config('database.dbname'), '"database.dbname"');
  if (database !== systemDatabase) {
    throw new Error(
      `infra/debezium/connectors: "database.dbname" is ${database}; expected ${systemDatabase}, the one database ` +
        'of libs/topology (systemDatabase)',
    );
  }
  const heartbeatTable = single(
    config('heartbeat.action.query').map((query) => /^UPDATE\s+(\w+\.\w+)\s/i.exec(query)?.[1] ?? ''),
    '"heartbeat.action.query" of the form UPDATE <schema>.<table> …',
  );
  const roles = new Set(serviceRoles());
  const unknown = config('table.include.list')
    .flatMap((list) => list.split(',').map((table) => table.trim().split('.')[0]!))
    .filter((schema) => !roles.has(schema));
  if (unknown.length > 0) {
    throw new Error(
      `infra/debezium/connectors: "table.include.list" names schemas ${[...new Set(unknown)].join(', ')}, which ` +
        `are no service's; each captured table must be <role>.outbox of a service in libs/topology`,
    );
  }
  return {
    database,
    publication: single(config('publication.name'), '"publication.name"'),
    heartbeatTable,
    heartbeatSchema: heartbeatTable.split('.')[0]!,
  };
}

/**
 * The one Database: CNPG's initdb creates it (see the top of this file), and this object adopts it so its owner
 * and schemas stay as declared. Each service's schema is listed with its owner; the bootstrap SQL creates them too,
 * because Debezium's grants on them must follow in the same run, and CNPG then only checks their owners.
 */
export function database(needs: DebeziumNeeds) {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Database',
    metadata: { name: `${POSTGRES_CLUSTER}-${k8sName(needs.database)}`, labels: { ...GENERATED_LABELS } },
    spec: {
      cluster: { name: POSTGRES_CLUSTER },
      name: needs.database,
      owner: DATABASE_OWNER_ROLE,
      ensure: 'present',
      // Deleting the object must never drop the services' data.
      databaseReclaimPolicy: 'retain',
      schemas: [
        ...serviceRoles().map((role) => ({ name: role, owner: role, ensure: 'present' })),
        { name: needs.heartbeatSchema, owner: DEBEZIUM_ROLE, ensure: 'present' },
      ],
    },
  };
}

const secretRef = (role: string) => ({ name: roleSecretName(role) });

export function managedRoles() {
  return [
    {
      name: DATABASE_OWNER_ROLE,
      ensure: 'present',
      login: false,
      inherit: false,
      comment: `owns the database ${systemDatabase}; no one logs in as it or is a member`,
    },
    {
      name: CAPTURE_ROLE,
      ensure: 'present',
      login: false,
      inherit: false,
      comment: 'owns the outbox publication',
    },
    {
      name: DEBEZIUM_ROLE,
      ensure: 'present',
      login: true,
      replication: true,
      passwordSecret: secretRef(DEBEZIUM_ROLE),
      comment: `Debezium (Kafka Connect): logical replication from ${systemDatabase}`,
    },
    ...(Object.values(Services) as ServiceTopology[]).map((service) => ({
      name: service.role,
      ensure: 'present',
      login: true,
      inherit: true,
      passwordSecret: secretRef(service.role),
      inRoles: [CAPTURE_ROLE],
      comment: `${service.app} and its workers: schema ${service.role} of ${service.database}`,
    })),
  ];
}

/** pg_hba lines before CNPG's own catch-all: every service role and Debezium reach the system database only. */
export function hbaRules(needs: DebeziumNeeds): string[] {
  return [
    ...(Object.values(Services) as ServiceTopology[]).map(
      (service) => `host ${service.database} ${service.role} all scram-sha-256`,
    ),
    `host ${needs.database} ${DEBEZIUM_ROLE} all scram-sha-256`,
    'host all all all reject',
  ];
}

/**
 * Runs in the `postgres` database before the system database exists (postInitSQL): the roles, as init.sql creates
 * them but NOLOGIN and without passwords, which the managed roles set from their Secrets.
 */
export function rolesSql(): string[] {
  const roles = serviceRoles();
  return [
    `CREATE ROLE ${DEBEZIUM_ROLE} NOLOGIN REPLICATION`,
    ...roles.map((role) => `CREATE ROLE ${role} NOLOGIN`),
    `CREATE ROLE ${CAPTURE_ROLE} NOLOGIN`,
    ...roles.map((role) => `GRANT ${CAPTURE_ROLE} TO ${role}`),
  ];
}

/** Runs in the system database right after initdb created it (postInitApplicationSQL): init.sql's part for `edr`. */
export function databaseSql(needs: DebeziumNeeds): string[] {
  const roles = serviceRoles();
  const db = needs.database;
  return [
    `REVOKE CONNECT, TEMPORARY ON DATABASE ${db} FROM PUBLIC`,
    `GRANT CONNECT ON DATABASE ${db} TO ${[DEBEZIUM_ROLE, ...roles].join(', ')}`,
    // projection-service rebuilds views in scratch schemas of its own (ADR 0008).
    `GRANT CREATE ON DATABASE ${db} TO ${Services.projection.role}`,
    'REVOKE ALL ON SCHEMA public FROM PUBLIC',
    ...roles.map((role) => `CREATE SCHEMA ${role} AUTHORIZATION ${role}`),
    ...roles.flatMap((role) => [
      `GRANT USAGE ON SCHEMA ${role} TO ${DEBEZIUM_ROLE}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${role} IN SCHEMA ${role} GRANT SELECT ON TABLES TO ${DEBEZIUM_ROLE}`,
    ]),
    // Debezium's heartbeat.action.query moves the slot on while every outbox is idle (see infra/postgres/init.sql).
    `CREATE SCHEMA ${needs.heartbeatSchema} AUTHORIZATION ${DEBEZIUM_ROLE}`,
    `CREATE TABLE ${needs.heartbeatTable} (id int PRIMARY KEY, ts timestamptz)`,
    `ALTER TABLE ${needs.heartbeatTable} OWNER TO ${DEBEZIUM_ROLE}`,
    `INSERT INTO ${needs.heartbeatTable} (id, ts) VALUES (1, now())`,
    `CREATE PUBLICATION ${needs.publication} FOR TABLE ${needs.heartbeatTable}`,
    `ALTER PUBLICATION ${needs.publication} OWNER TO ${CAPTURE_ROLE}`,
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
      bootstrap: {
        initdb: {
          database: needs.database,
          owner: DATABASE_OWNER_ROLE,
          postInitSQL: rolesSql(),
          postInitApplicationSQL: databaseSql(needs),
        },
      },
      postgresql: { pg_hba: hbaRules(needs) },
      managed: { roles: managedRoles() },
    },
  };
}

/** Throwaway passwords for the dev overlay (the role's name, as locally); prod brings its own Secrets. */
export function devRoleSecrets() {
  const roles = [DEBEZIUM_ROLE, ...serviceRoles()];
  return roles.map((role) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: roleSecretName(role), labels: { ...GENERATED_LABELS, 'cnpg.io/reload': 'true' } },
    type: 'kubernetes.io/basic-auth',
    stringData: { username: role, password: role },
  }));
}
