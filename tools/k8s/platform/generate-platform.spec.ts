// The generated platform objects are current (committed output = what the generator makes now), and what they
// say holds against the sources they are derived from: the topics, the ACLs each app needs, the connector files,
// and the names and versions the hand-written Kafka, Connect and PostgreSQL objects share with them.
import { describe, expect, test } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TopicDefinitions } from '@edr/contracts';
import { connectWorkerProperties } from '@edr/infra';
import { Services, systemDatabase } from '@edr/topology';
import { type K8sObject, buildOverlay } from '../kustomize-build.js';
import { KUBERNETES_CONNECTOR_SETTINGS, envPlaceholders, kafkaConnector } from './kafka-connectors.js';
import { heartbeatTopicOf } from './kafka-topics.js';
import {
  CONNECT_CLUSTER,
  CONNECT_GROUP,
  CONNECT_INTERNAL_TOPICS,
  CAPTURE_ROLE,
  DATABASE_OWNER_ROLE,
  KAFKA_CLUSTER,
  POSTGRES_CLUSTER,
} from './names.js';
import { readPlatformInputs } from './platform-inputs.js';
import { renderPlatform, repoRoot } from './generate-platform.js';
import { debeziumNeeds } from './postgres-objects.js';

const inputs = readPlatformInputs(repoRoot);
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const objectsOf = (file: string) => parseAllDocuments(read(file)).map((doc) => doc.toJS() as K8sObject);
const base = buildOverlay('base');
const only = (kind: string) => {
  const found = base.filter((object) => object.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]! as K8sObject & { spec: Record<string, unknown> };
};

interface Acl {
  resource: { type: string; name?: string; patternType?: string };
  operations: string[];
}
const users = new Map(
  objectsOf('k8s/base/platform/generated/kafka-users.yaml').map((user) => [
    user.metadata.name,
    (user as unknown as { spec: { authorization: { acls: Acl[] } } }).spec.authorization.acls,
  ]),
);
const allowed = (user: string, type: string, name: string, operation: string) =>
  (users.get(user) ?? []).some(
    (acl) =>
      acl.resource.type === type &&
      acl.operations.includes(operation) &&
      (acl.resource.patternType === 'prefix'
        ? name.startsWith(acl.resource.name!)
        : acl.resource.name === name),
  );

describe('generated platform objects (npm run k8s:generate)', () => {
  test('the committed files are what the generator makes now', async () => {
    for (const [file, text] of await renderPlatform(inputs)) {
      let committed = '';
      try {
        committed = read(file);
      } catch {
        // missing: reported by the comparison below
      }
      if (committed !== text) {
        throw new Error(`${file} is stale: run \`npm run k8s:generate\` and commit the result`);
      }
    }
  });

  test('KafkaTopics: every contract topic and its .dlq, Connect internal (compacted) and heartbeat topics, no other', () => {
    const topics = base.filter((o) => o.kind === 'KafkaTopic') as (K8sObject & {
      spec: { topicName?: string; partitions: number; config: Record<string, string> };
    })[];
    const byName = new Map(topics.map((t) => [t.spec.topicName ?? t.metadata.name, t]));
    const expected = [
      ...Object.values(TopicDefinitions).map((t) => t.name),
      ...Object.values(CONNECT_INTERNAL_TOPICS).map((t) => t.name),
      ...inputs.connectors.map(heartbeatTopicOf),
    ].sort();
    expect([...byName.keys()].sort()).toEqual(expected);
    for (const definition of Object.values(TopicDefinitions)) {
      const topic = byName.get(definition.name)!;
      expect({ name: definition.name, partitions: topic.spec.partitions }).toEqual({
        name: definition.name,
        partitions: definition.partitions,
      });
      expect(topic.spec.config).toMatchObject(definition.config ?? {});
      expect(topic.spec.config['retention.ms']).toBeDefined();
    }
    for (const internal of Object.values(CONNECT_INTERNAL_TOPICS)) {
      expect(byName.get(internal.name)!.spec.config['cleanup.policy']).toBe('compact');
    }
  });

  test('each connector is its infra/debezium/connectors file, plus only the Kubernetes settings', () => {
    const files = readdirSync(path.join(repoRoot, 'infra/debezium/connectors')).filter((f) =>
      f.endsWith('.json'),
    );
    const connectors = base.filter((o) => o.kind === 'KafkaConnector') as (K8sObject & {
      spec: { class: string; tasksMax: number; config: Record<string, string> };
    })[];
    expect(connectors.map((c) => `${c.metadata.name}.json`).sort()).toEqual(files.sort());
    for (const connector of connectors) {
      const file = JSON.parse(read(`infra/debezium/connectors/${connector.metadata.name}.json`)) as Record<
        string,
        string
      >;
      const { 'connector.class': connectorClass, 'tasks.max': tasksMax, ...rest } = file;
      expect(connector.metadata.labels?.['strimzi.io/cluster']).toBe(CONNECT_CLUSTER);
      expect(connector.spec.class).toBe(connectorClass);
      expect(connector.spec.tasksMax).toBe(Number(tasksMax));
      expect(connector.spec.config).toEqual({ ...rest, ...KUBERNETES_CONNECTOR_SETTINGS });
    }
  });

  test("the KafkaConnect sets every ${env:…} the connector files read, and Kafka's env config provider", () => {
    const connect = only('KafkaConnect') as K8sObject & {
      spec: { config: Record<string, unknown>; template: { connectContainer: { env: { name: string }[] } } };
    };
    const env = connect.spec.template.connectContainer.env.map((e) => e.name);
    for (const connector of inputs.connectors) {
      for (const name of envPlaceholders(connector))
        expect({ connector: connector.name, env }).toEqual({
          connector: connector.name,
          env: expect.arrayContaining([name]),
        });
    }
    expect(connect.spec.config['config.providers']).toBe('env');
  });

  test('one connector, one heartbeat topic: the system database through one slot (ADR 0009)', () => {
    expect(
      inputs.connectors.map((c) => [c.name, c.config['database.dbname'], c.config['slot.name']]),
    ).toEqual([['edr-outbox', systemDatabase, 'edr_outbox']]);
    const heartbeats = base.filter(
      (t) => t.kind === 'KafkaTopic' && t.metadata.labels?.['edr.io/topic-source'] === 'debezium-heartbeat',
    );
    expect(heartbeats.map((t) => (t.spec as { topicName: string }).topicName)).toEqual([
      '__debezium-heartbeat.edr',
    ]);
  });

  test('a connector on another database, or capturing a schema no service owns, is refused', () => {
    const [connector] = inputs.connectors;
    const withConfig = (config: Record<string, string>) => [
      { ...connector!, config: { ...connector!.config, ...config } },
    ];
    expect(() => debeziumNeeds(withConfig({ 'database.dbname': 'order_db' }))).toThrow(
      '"database.dbname" is order_db; expected edr',
    );
    expect(() => debeziumNeeds(withConfig({ 'table.include.list': 'public.outbox' }))).toThrow(
      '"table.include.list" names schemas public',
    );
    expect(() =>
      debeziumNeeds(withConfig({ 'heartbeat.action.query': 'UPDATE debezium_heartbeat SET ts = now()' })),
    ).toThrow('"heartbeat.action.query" of the form UPDATE <schema>.<table>');
  });

  test('a broken connector file is refused with its name and field', () => {
    expect(() => kafkaConnector({ name: 'x-outbox', config: { 'tasks.max': '1' } })).toThrow(
      'infra/debezium/connectors/x-outbox.json: "connector.class" is missing',
    );
  });

  test('the hand-written Kafka, Connect and Cluster use the generated names and tools/infra versions', () => {
    const pom = read('tools/infra/pom.xml');
    const property = (name: string) => new RegExp(`<${name}>([^<]+)</${name}>`).exec(pom)?.[1];
    const kafka = only('Kafka') as K8sObject & { spec: { kafka: { version: string } } };
    const connect = only('KafkaConnect') as K8sObject & {
      spec: Record<string, unknown> & {
        build: { plugins: { artifacts: { artifact: string; version: string }[] }[] };
      };
    };
    expect(kafka.metadata.name).toBe(KAFKA_CLUSTER);
    expect(kafka.spec.kafka.version).toBe(property('kafka.version'));
    expect(connect.metadata.name).toBe(CONNECT_CLUSTER);
    expect(connect.spec).toMatchObject({
      version: property('kafka.version'),
      groupId: CONNECT_GROUP,
      configStorageTopic: CONNECT_INTERNAL_TOPICS.config.name,
      offsetStorageTopic: CONNECT_INTERNAL_TOPICS.offset.name,
      statusStorageTopic: CONNECT_INTERNAL_TOPICS.status.name,
    });
    expect(connect.spec.build.plugins.flatMap((p) => p.artifacts)).toEqual([
      expect.objectContaining({
        artifact: 'debezium-connector-postgres',
        version: property('debezium.version'),
      }),
    ]);
    expect(only('Cluster').metadata.name).toBe(POSTGRES_CLUSTER);
  });

  test("Connect's group, internal topics and config provider are the local worker's (tools/infra)", () => {
    const local = Object.fromEntries(
      connectWorkerProperties({ bootstrapServers: 'kafka:9092', restPort: 8083, pluginPath: 'plugins' })
        .split('\n')
        .filter((line) => line.includes('=') && !line.startsWith('#'))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect({
      group: CONNECT_GROUP,
      config: CONNECT_INTERNAL_TOPICS.config.name,
      offset: CONNECT_INTERNAL_TOPICS.offset.name,
      status: CONNECT_INTERNAL_TOPICS.status.name,
    }).toEqual({
      group: local['group.id'],
      config: local['config.storage.topic'],
      offset: local['offset.storage.topic'],
      status: local['status.storage.topic'],
    });
    const connect = only('KafkaConnect') as K8sObject & { spec: { config: Record<string, unknown> } };
    for (const key of [
      'config.providers',
      'config.providers.env.class',
      'key.converter',
      'value.converter',
    ]) {
      expect({ key, value: connect.spec.config[key] }).toEqual({ key, value: local[key] });
    }
  });
});

describe('users and databases match the topology', () => {
  test('one KafkaUser per app of libs/topology, plus Connect’s', () => {
    expect([...users.keys()].sort()).toEqual([...inputs.apps.map((a) => a.app.app), CONNECT_CLUSTER].sort());
  });

  test('one Database, the system database, with a schema per service owned by its role', () => {
    const services = Object.values(Services);
    const databases = base.filter((o) => o.kind === 'Database') as (K8sObject & {
      spec: {
        name: string;
        owner: string;
        cluster: { name: string };
        schemas: { name: string; owner: string }[];
      };
    })[];
    expect(databases.map((d) => [d.spec.name, d.spec.owner, d.spec.cluster.name])).toEqual([
      [systemDatabase, DATABASE_OWNER_ROLE, POSTGRES_CLUSTER],
    ]);
    expect(services.every((s) => s.database === systemDatabase)).toBe(true);
    expect(databases[0]!.spec.schemas.map((schema) => [schema.name, schema.owner])).toEqual([
      ...services.map((s) => [s.role, s.role]),
      ['capture', 'debezium'],
    ]);
  });

  test('a managed login role per service and Debezium, each a member of the publication owner; the others NOLOGIN', () => {
    const services = Object.values(Services);
    const cluster = only('Cluster') as K8sObject & {
      spec: {
        bootstrap: { initdb: { database: string; owner: string } };
        managed: {
          roles: { name: string; login?: boolean; replication?: boolean; inRoles?: string[] }[];
        };
      };
    };
    const roles = cluster.spec.managed.roles;
    expect(
      roles
        .filter((r) => r.login)
        .map((r) => r.name)
        .sort(),
    ).toEqual([...services.map((s) => s.role), 'debezium'].sort());
    expect(
      roles
        .filter((r) => !r.login)
        .map((r) => r.name)
        .sort(),
    ).toEqual([CAPTURE_ROLE, DATABASE_OWNER_ROLE].sort());
    expect(roles.filter((r) => r.replication).map((r) => r.name)).toEqual(['debezium']);
    for (const service of services) {
      expect({ role: service.role, inRoles: roles.find((r) => r.name === service.role)?.inRoles }).toEqual({
        role: service.role,
        inRoles: [CAPTURE_ROLE],
      });
    }
    // initdb creates the system database, so its bootstrap SQL runs in it (postgres-objects.ts).
    expect(cluster.spec.bootstrap.initdb).toMatchObject({
      database: systemDatabase,
      owner: DATABASE_OWNER_ROLE,
    });
  });

  test('pg_hba: every service role and Debezium reach the system database only', () => {
    const cluster = only('Cluster') as K8sObject & { spec: { postgresql: { pg_hba: string[] } } };
    const roles = [...new Set(Object.values(Services).map((s) => s.role)), 'debezium'];
    expect(cluster.spec.postgresql.pg_hba).toEqual([
      ...roles.map((role) => `host ${systemDatabase} ${role} all scram-sha-256`),
      'host all all all reject',
    ]);
  });
});

describe('the bootstrap SQL is infra/postgres/init.sql, statement by statement', () => {
  test('same roles, grants, schemas, heartbeat table and publication, in the same order', () => {
    const cluster = only('Cluster') as K8sObject & {
      spec: {
        bootstrap: { initdb: { database: string; postInitSQL: string[]; postInitApplicationSQL: string[] } };
        managed: { roles: { name: string; login?: boolean; replication?: boolean }[] };
      };
    };
    const { initdb } = cluster.spec.bootstrap;
    const roles = new Map(cluster.spec.managed.roles.map((r) => [r.name, r]));
    const [beforeConnect, ...afterConnect] = read('infra/postgres/init.sql')
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('--'))
      .join('\n')
      .split(/^\\connect /m);
    const statements = (sql: string) =>
      sql
        .split(';')
        .map((statement) => statement.replace(/\s+/g, ' ').trim())
        .filter(Boolean);
    expect(afterConnect).toHaveLength(1);
    const database = afterConnect[0]!.slice(0, afterConnect[0]!.indexOf('\n')).trim();
    expect(database).toBe(initdb.database);
    // What Kubernetes does differently, and where: logins and passwords are the managed roles' (from Secrets), and
    // initdb creates the database.
    const local = statements(beforeConnect!).flatMap((statement) => {
      const login = /^CREATE ROLE (\w+) WITH LOGIN( REPLICATION)? PASSWORD '[^']*'$/.exec(statement);
      if (login) {
        const managed = roles.get(login[1]!);
        expect({ role: login[1], login: managed?.login, replication: managed?.replication }).toEqual({
          role: login[1],
          login: true,
          replication: login[2] ? true : undefined,
        });
        return [`CREATE ROLE ${login[1]} NOLOGIN${login[2] ?? ''}`];
      }
      return statement === `CREATE DATABASE ${database}` ? [] : [statement];
    });
    const inDatabase = (statement: string) => / ON DATABASE /.test(statement);
    expect(initdb.postInitSQL).toEqual(local.filter((statement) => !inDatabase(statement)));
    expect(initdb.postInitApplicationSQL).toEqual([
      ...local.filter(inDatabase),
      ...statements(afterConnect[0]!.slice(afterConnect[0]!.indexOf('\n'))),
    ]);
  });
});

describe('KafkaUser ACLs (services read, Connect writes)', () => {
  test('every app reads what its handlers consume and writes only those topics’ dead letters', () => {
    for (const access of inputs.apps) {
      const user = access.app.app;
      for (const topic of access.consumes) {
        expect({ user, topic, read: allowed(user, 'topic', topic, 'Read') }).toEqual({
          user,
          topic,
          read: true,
        });
        expect({ user, topic, dlq: allowed(user, 'topic', `${topic}.dlq`, 'Write') }).toEqual({
          user,
          topic,
          dlq: true,
        });
      }
      const writes = (users.get(user) ?? []).filter((acl) => acl.operations.includes('Write'));
      expect(writes.map((acl) => acl.resource.name).sort()).toEqual(
        access.consumes.map((t) => `${t}.dlq`).sort(),
      );
      expect((users.get(user) ?? []).some((acl) => acl.operations.includes('Create'))).toBe(false);
    }
  });

  test('every app may describe each topic its app.module creates or checks at boot', () => {
    for (const access of inputs.apps) {
      const source = read(`apps/${access.app.app}/src/app.module.ts`);
      const keys = [...source.matchAll(/TopicDefinitions\.(\w+)/g)].map((m) => m[1]!);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const topic = (TopicDefinitions as Record<string, { name: string }>)[key]!.name;
        expect({
          app: access.app.app,
          topic,
          describe: allowed(access.app.app, 'topic', topic, 'Describe'),
        }).toEqual({
          app: access.app.app,
          topic,
          describe: true,
        });
      }
    }
  });

  test("every consumer group an app's code names is one its user may join", () => {
    for (const access of inputs.apps) {
      const dir = path.join(repoRoot, 'apps', access.app.app, 'src');
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
        (f) => f.endsWith('.ts') && !/spec\.ts$/.test(f),
      );
      const groups = files.flatMap((file) =>
        [
          ...readFileSync(path.join(dir, file), 'utf8').matchAll(
            /[gG]roup(?:Id)?\s*[:=]\s*[`'"]([a-z][a-z-]*)/g,
          ),
        ].map((m) => m[1]!),
      );
      const own = 'groupId' in access.app ? String(access.app.groupId) : access.app.app;
      for (const group of [own, ...groups]) {
        expect({ app: access.app.app, group, join: allowed(access.app.app, 'group', group, 'Read') }).toEqual(
          {
            app: access.app.app,
            group,
            join: true,
          },
        );
      }
    }
  });

  test('Connect writes every topic a message travels on and every heartbeat topic; no app can', () => {
    for (const topic of [...inputs.producersByTopic.keys(), ...inputs.connectors.map(heartbeatTopicOf)]) {
      expect({ topic, connect: allowed(CONNECT_CLUSTER, 'topic', topic, 'Write') }).toEqual({
        topic,
        connect: true,
      });
      for (const access of inputs.apps) expect(allowed(access.app.app, 'topic', topic, 'Write')).toBe(false);
    }
    expect(allowed(CONNECT_CLUSTER, 'group', CONNECT_GROUP, 'Read')).toBe(true);
  });
});
