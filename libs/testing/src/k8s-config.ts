import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { loadConfig } from '@edr/config';
import { repoRoot } from './service-process.js';

/**
 * Variables the Kubernetes Deployment sets outside the app's ConfigMap: the database URL and the Kafka password are
 * built from Secrets in the Deployment, and WORKER_ID stays unset so each pod names itself (`<pod>-<pid>`).
 */
const OUTSIDE_CONFIGMAP: Readonly<Record<string, string | undefined>> = {
  DATABASE_URL: 'postgres://role:secret@edr-postgres-rw:5432/database',
  KAFKA_SASL_PASSWORD: 'secret',
  WORKER_ID: undefined,
};

/** The settings of k8s/base/apps/<app>/config.env (the app's generated ConfigMap), by variable. */
export function k8sConfigEnv(app: string): Record<string, string> {
  const text = readFileSync(join(repoRoot, 'k8s', 'base', 'apps', app, 'config.env'), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** The environment variables a config schema reads: the keys of the object its transforms start from. */
export function schemaVariables(schema: z.ZodType): string[] {
  let node: unknown = schema;
  while (node !== null && typeof node === 'object' && !('shape' in node) && 'in' in node) {
    node = (node as { in: unknown }).in;
  }
  if (node === null || typeof node !== 'object' || !('shape' in node)) {
    throw new Error('schemaVariables: the schema does not start from a z.object of environment variables');
  }
  return Object.keys((node as { shape: object }).shape);
}

export interface K8sConfigReport {
  /** ConfigMap keys the schema does not read (a typo, or a setting that no longer exists). */
  readonly unread: string[];
  /** Schema variables neither the ConfigMap nor the Deployment sets. */
  readonly unset: string[];
  /** loadConfig's message when the ConfigMap (plus stand-ins for the Deployment's Secrets) does not parse. */
  readonly error: string | null;
  /** Top-level config sections whose values differ from the schema's defaults. */
  readonly notDefault: string[];
}

/** The report of a ConfigMap that fits: every setting read and set, parsed, defaults kept but for the cluster's. */
export const fittingK8sConfig: K8sConfigReport = {
  unread: [],
  unset: [],
  error: null,
  notDefault: ['database', 'kafka'],
};

/**
 * How an app's Kubernetes ConfigMap fits its config schema: it should set every variable the schema reads except the
 * ones the Deployment sets (OUTSIDE_CONFIGMAP), parse, and keep the schema's defaults except where the cluster is
 * (`database`, `kafka`).
 */
export function k8sConfigReport(app: string, schema: z.ZodType): K8sConfigReport {
  const env = k8sConfigEnv(app);
  const variables = schemaVariables(schema);
  const unread = Object.keys(env).filter((key) => !variables.includes(key));
  const unset = variables.filter((key) => !(key in env) && !(key in OUTSIDE_CONFIGMAP));
  let error: string | null = null;
  let notDefault: string[] = [];
  try {
    const parsed = loadConfig(schema, { ...env, ...OUTSIDE_CONFIGMAP }) as Record<string, unknown>;
    const defaults = loadConfig(schema, {}) as Record<string, unknown>;
    notDefault = Object.keys(parsed).filter(
      (key) => JSON.stringify(parsed[key]) !== JSON.stringify(defaults[key]),
    );
  } catch (cause) {
    error = (cause as Error).message;
  }
  return { unread, unset, error, notDefault };
}
