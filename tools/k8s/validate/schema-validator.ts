// Strict schema validation of rendered manifests, in-process with ajv (no Go tool needed): core kinds against the
// Kubernetes JSON schemas, operator kinds against their CRDs converted to JSON schema (tools/k8s/schemas, written by
// vendor-schemas.ts). Unknown fields fail, as with `kubectl apply --validate=strict`. Not checked here (a real API
// server does): CEL rules (x-kubernetes-validations), metadata of custom resources, references between objects.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { K8sObject } from '../kustomize-build.js';

const schemaRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../schemas');
const KUBERNETES_VERSION = 'v1.34.0';
const coreDir = path.join(schemaRoot, 'kubernetes', KUBERNETES_VERSION);

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

let ajv: Ajv2020 | undefined;
function instance(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(readJson(path.join(coreDir, '_definitions.json')), '_definitions.json');
  return ajv;
}

/** The schema file of an object's kind: `{kind}-{group}-{version}.json` (core) or `{group}/{kind}_{version}.json`. */
export function schemaFileOf(object: Pick<K8sObject, 'apiVersion' | 'kind'>): string {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  const kind = object.kind.toLowerCase();
  const crd = path.join(schemaRoot, 'crds', group!, `${kind}_${version}.json`);
  if (group && existsSync(crd)) return crd;
  const groupName = group ? `-${group.split('.')[0]}` : '';
  return path.join(coreDir, `${kind}${groupName}-${version}.json`);
}

const compiled = new Map<string, ValidateFunction>();
function validatorFor(object: K8sObject): ValidateFunction | string {
  const file = schemaFileOf(object);
  if (!existsSync(file)) {
    return (
      `no schema for ${object.apiVersion} ${object.kind} (${path.relative(schemaRoot, file)}): add the kind to ` +
      'tools/k8s/validate/vendor-schemas.ts and run `npm run k8s:schemas`'
    );
  }
  let validate = compiled.get(file);
  if (!validate) {
    validate = instance().compile(readJson(file));
    compiled.set(file, validate);
  }
  return validate;
}

const describe = (error: ErrorObject) => {
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
      : error.keyword === 'enum'
        ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
        : '';
  return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
};

/** Problems of one object, each prefixed with `Kind/name`; empty when it is valid. */
export function validateObject(object: K8sObject): string[] {
  const id = `${object.kind}/${object.metadata?.name ?? '?'}`;
  const validate = validatorFor(object);
  if (typeof validate === 'string') return [`${id}: ${validate}`];
  if (validate(object)) return [];
  // anyOf/oneOf branches repeat the real error once per branch; report each message once.
  return [...new Set((validate.errors ?? []).map((error) => `${id}: ${describe(error)}`))];
}

export const validateObjects = (objects: readonly K8sObject[]): string[] => objects.flatMap(validateObject);
