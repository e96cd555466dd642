// Builds a kustomize directory (k8s/base, k8s/overlays/<name>) into parsed Kubernetes objects, for the offline
// checks of the k8s/ tree (policy, schema validation). `kubectl kustomize` first (kubectl ships kustomize), else a
// standalone `kustomize` on PATH or in Go's bin directory; neither is a clear failure, never a silent skip.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const k8sRoot = path.join(repoRoot, 'k8s');
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** The fields every object has; the rest is read by each check with its own narrower type. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Record<string, unknown>;
  [field: string]: unknown;
}

interface Builder {
  label: string;
  argv: (dir: string) => [string, string[]];
}

function onPath(command: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const goBin = process.env.GOBIN ?? path.join(process.env.GOPATH ?? path.join(os.homedir(), 'go'), 'bin');
  return [...dirs, goBin].map((d) => path.join(d, command)).find((p) => existsSync(p));
}

let chosen: Builder | undefined;
function builder(): Builder {
  if (chosen) return chosen;
  const kubectl = onPath('kubectl');
  if (kubectl) {
    chosen = { label: 'kubectl kustomize', argv: (dir) => [kubectl, ['kustomize', dir]] };
    return chosen;
  }
  const kustomize = onPath('kustomize');
  if (kustomize) {
    chosen = { label: 'kustomize build', argv: (dir) => [kustomize, ['build', dir]] };
    return chosen;
  }
  throw new Error(
    'Neither kubectl nor kustomize was found on PATH (or in $GOPATH/bin): the k8s checks need one of them. ' +
      'Install kubectl, or run `go install sigs.k8s.io/kustomize/kustomize/v5@v5.8.2`.',
  );
}

/** The YAML a kustomize directory renders to (cached: several test files build the same overlay). */
const rendered = new Map<string, string>();
export function kustomizeYaml(dir: string): string {
  const abs = path.resolve(k8sRoot, dir);
  const cached = rendered.get(abs);
  if (cached !== undefined) return cached;
  const { label, argv } = builder();
  const [command, args] = argv(abs);
  let out: string;
  try {
    out = execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`${label} ${path.relative(repoRoot, abs)} failed:\n${stderr}`);
  }
  rendered.set(abs, out);
  return out;
}

/** Parses multi-document YAML into objects; a YAML error names the document and the message. */
export function parseManifests(text: string, source = 'manifest'): K8sObject[] {
  const objects: K8sObject[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    if (doc.errors.length > 0) {
      throw new Error(`${source}: document ${i + 1}: ${doc.errors.map((e) => e.message).join('; ')}`);
    }
    const value = doc.toJS() as unknown;
    if (value !== null && value !== undefined) objects.push(value as K8sObject);
  });
  return objects;
}

/** `k8s/overlays/<overlay>` (or any directory relative to k8s/) rendered and parsed. */
export function buildOverlay(overlayOrDir: Overlay | string): K8sObject[] {
  const dir = (OVERLAYS as readonly string[]).includes(overlayOrDir)
    ? `overlays/${overlayOrDir}`
    : overlayOrDir;
  return parseManifests(kustomizeYaml(dir), `k8s/${dir}`);
}

export const objectId = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
export const ofKind = <T extends K8sObject = K8sObject>(objects: K8sObject[], kind: string): T[] =>
  objects.filter((o) => o.kind === kind) as T[];
