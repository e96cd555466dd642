// The list of services against the files that cannot import it: a service added in one place but not the others
// (a database without a connector, a compose service without a database, a port used twice) fails here.
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { type ServiceTopology, Services, systemDatabase, type WorkerTopology, Workers } from './services.js';

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const services: ServiceTopology[] = Object.values(Services);
const publishing = services.filter((service) => service.publishes);
const workers: WorkerTopology[] = Object.values(Workers);

/** init.sql without comments, split into the part before the first `\connect` and one block per `\connect`. */
function initSql() {
  const text = read('infra/postgres/init.sql')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  const [cluster = '', ...blocks] = text.split(/^\\connect /m);
  const perDatabase = new Map(
    blocks.map((block) => [block.slice(0, block.indexOf('\n')).trim(), block] as const),
  );
  return { text, cluster, perDatabase };
}
const names = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!).sort();
const sorted = (values: string[]) => [...values].sort();

interface ComposeService {
  build?: { dockerfile?: string; args?: Record<string, string | number> };
  deploy?: { replicas?: number };
  environment?: Record<string, string | number>;
  ports?: string[];
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };

describe('Services (libs/topology)', () => {
  test('names, apps, roles and ports are unique, and each name is its app folder', () => {
    for (const key of ['name', 'app', 'role'] as const) {
      expect(new Set(services.map((s) => s[key])).size).toBe(services.length);
    }
    const ports = services.flatMap((s) => [s.port, s.testPort, s.benchPort]);
    expect(new Set(ports).size).toBe(ports.length);
    for (const [key, service] of Object.entries(Services)) {
      expect({ key, name: service.name, app: service.app }).toEqual({
        key,
        name: key,
        app: `${key}-service`,
      });
    }
  });

  test('worker ports stay clear of the services and of each other (instances count up from the base port)', () => {
    const taken = new Set(services.flatMap((s) => [s.port, s.testPort, s.benchPort]));
    for (const worker of workers) {
      for (const base of [worker.port, worker.testPort, worker.benchPort]) {
        for (let instance = 0; instance < 6; instance += 1) {
          expect(taken.has(base + instance)).toBe(false);
          taken.add(base + instance);
        }
      }
      expect(Services[worker.context]).toMatchObject({ database: worker.database, role: worker.role });
      expect(worker.publishes).toBe(false);
    }
  });

  test('apps/ holds exactly these services and workers', () => {
    const apps = readdirSync(path.join(repoRoot, 'apps'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(repoRoot, 'apps', d.name, 'package.json')))
      .map((d) => d.name);
    expect(sorted(apps)).toEqual(sorted([...services, ...workers].map((s) => s.app)));
  });

  test('infra/postgres/init.sql creates each role, the one database and a schema per role, and nothing else', () => {
    const { text, cluster, perDatabase } = initSql();
    expect(names(text, /CREATE ROLE (\w+_svc)\b/g)).toEqual(sorted(services.map((s) => s.role)));
    expect(names(text, /CREATE DATABASE (\w+)/g)).toEqual([systemDatabase]);
    expect(cluster).toContain(`REVOKE CONNECT, TEMPORARY ON DATABASE ${systemDatabase} FROM PUBLIC;`);
    expect(sorted([...perDatabase.keys()])).toEqual([systemDatabase]);
    const block = perDatabase.get(systemDatabase) ?? '';
    expect(names(block, /CREATE SCHEMA (\w+_svc) AUTHORIZATION/g)).toEqual(
      sorted(services.map((s) => s.role)),
    );
    for (const service of services) {
      expect(service.database).toBe(systemDatabase);
      expect(block).toContain(`CREATE SCHEMA ${service.role} AUTHORIZATION ${service.role};`);
      expect(cluster).toMatch(
        new RegExp(`GRANT CONNECT ON DATABASE ${systemDatabase} TO .*\\b${service.role}\\b`),
      );
    }
    // No role is granted anything on another role's schema: the only grants on a service schema go to Debezium.
    const grantees = names(block, /GRANT [A-Z, ]+ ON (?:SCHEMA|TABLES IN SCHEMA) \w+_svc TO (\w+)/g);
    expect(new Set(grantees)).toEqual(new Set(['debezium']));
    expect(names(block, /IN SCHEMA (\w+) GRANT SELECT ON TABLES TO debezium/g)).toEqual(
      sorted(publishing.map((s) => s.role)),
    );
  });

  test('init.sql gives Debezium one publication, owned by a role every publishing service belongs to', () => {
    const { text, cluster } = initSql();
    expect(text).toContain('CREATE PUBLICATION edr_outbox FOR TABLE capture.debezium_heartbeat;');
    expect(text).toContain('ALTER PUBLICATION edr_outbox OWNER TO edr_capture;');
    expect(names(cluster, /GRANT edr_capture TO (\w+);/g)).toEqual(sorted(publishing.map((s) => s.role)));
    expect(names(text, /GRANT USAGE ON SCHEMA (\w+_svc) TO debezium;/g)).toEqual(
      sorted(publishing.map((s) => s.role)),
    );
  });

  test("infra/debezium/connectors has one outbox connector capturing every publishing service's outbox", () => {
    const dir = path.join(repoRoot, 'infra/debezium/connectors');
    const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
    expect(files).toEqual(['edr-outbox.json']);
    const config = JSON.parse(readFileSync(path.join(dir, 'edr-outbox.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect({
      dbname: config['database.dbname'],
      slot: config['slot.name'],
      publication: config['publication.name'],
      tables: sorted(config['table.include.list']!.split(',')),
    }).toEqual({
      dbname: systemDatabase,
      slot: 'edr_outbox',
      publication: 'edr_outbox',
      tables: sorted(publishing.map((s) => `${s.role}.outbox`)),
    });
  });

  test('docker-compose.yml runs each service on its port and database, and no other app', () => {
    const built = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
    expect(sorted(built.map(([name]) => name))).toEqual(sorted([...services, ...workers].map((s) => s.app)));
    for (const service of services) {
      const entry = compose.services[service.app]!;
      expect({
        app: service.app,
        APP: entry.build?.args?.APP,
        buildPort: String(entry.build?.args?.PORT),
        PORT: String(entry.environment?.PORT),
        ports: entry.ports,
        DATABASE_URL: entry.environment?.DATABASE_URL,
      }).toEqual({
        app: service.app,
        APP: service.app,
        buildPort: String(service.port),
        PORT: String(service.port),
        ports: [`${service.port}:${service.port}`],
        DATABASE_URL: `postgres://${service.role}:${service.role}@postgres:5432/${service.database}`,
      });
    }
  });

  test('docker-compose.yml runs each worker as replicas on its service database, without host ports', () => {
    for (const worker of workers) {
      const entry = compose.services[worker.app]!;
      expect({
        APP: entry.build?.args?.APP,
        PORT: String(entry.environment?.PORT),
        ports: entry.ports,
        replicas: entry.deploy?.replicas,
        DATABASE_URL: entry.environment?.DATABASE_URL,
      }).toEqual({
        APP: worker.app,
        PORT: String(worker.port),
        ports: undefined,
        replicas: 2,
        DATABASE_URL: `postgres://${worker.role}:${worker.role}@postgres:5432/${worker.database}`,
      });
    }
  });

  test('docs/system-contract.md lists the same services and ports', () => {
    const contract = read('docs/system-contract.md');
    const line = /^- Ports: (.+)$/m.exec(contract)?.[1] ?? '';
    expect(line).toBe(`${services.map((s) => `${s.name} ${s.port}`).join(', ')}.`);
    const list = /^ {2}Services: (.+)\.$/m.exec(contract)?.[1] ?? '';
    expect(list.split(', ')).toEqual(services.map((s) => s.name));
  });
});
