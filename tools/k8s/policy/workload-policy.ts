// The rules every container of every workload follows, as a list of problems (empty = compliant), so a test can show
// both that the manifests pass and that a broken one is caught.
import type { K8sObject } from '../kustomize-build.js';

interface Probe {
  httpGet?: { path?: string; port?: string | number };
  tcpSocket?: { port?: string | number };
  exec?: { command?: string[] };
  grpc?: { port?: number };
}
interface Container {
  name: string;
  image?: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  securityContext?: SecurityContext;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { drop?: string[]; add?: string[] };
  seccompProfile?: { type?: string };
}
export interface PodSpec {
  securityContext?: SecurityContext;
  containers: Container[];
  initContainers?: Container[];
}
export interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}

/** Kinds whose pods run until stopped, so they need probes; Jobs run to completion and do not. */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** The pod template of a workload object, or undefined for any other kind. */
export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  const spec = object.spec as
    { template?: PodTemplate; jobTemplate?: { spec?: { template?: PodTemplate } } } | undefined;
  if (LONG_RUNNING.has(object.kind) || object.kind === 'Job') return spec?.template;
  if (object.kind === 'CronJob') return spec?.jobTemplate?.spec?.template;
  return undefined;
}

/** `repo[:tag][@digest]`: the tag, or undefined when the image has none. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon < 0 ? undefined : withoutDigest.slice(colon + 1);
}

function probeProblems(where: string, container: Container, longRunning: boolean): string[] {
  if (!longRunning) return [];
  const problems: string[] = [];
  for (const kind of ['livenessProbe', 'readinessProbe'] as const) {
    const probe = container[kind];
    if (!probe) problems.push(`${where}: no ${kind}`);
    else if (!probe.httpGet && !probe.tcpSocket && !probe.exec && !probe.grpc)
      problems.push(`${where}: ${kind} has no handler (httpGet, tcpSocket, exec or grpc)`);
  }
  return problems;
}

function securityProblems(where: string, pod: PodSpec, container: Container): string[] {
  const pick = <K extends keyof SecurityContext>(key: K) =>
    container.securityContext?.[key] ?? pod.securityContext?.[key];
  const problems: string[] = [];
  if (pick('runAsNonRoot') !== true) problems.push(`${where}: runAsNonRoot is not true`);
  // A non-numeric USER in the image (node) cannot be checked by the kubelet against runAsNonRoot: it refuses to start.
  const uid = pick('runAsUser');
  if (typeof uid !== 'number' || uid === 0)
    problems.push(`${where}: runAsUser must be a numeric non-root uid`);
  if (container.securityContext?.readOnlyRootFilesystem !== true)
    problems.push(`${where}: readOnlyRootFilesystem is not true`);
  if (container.securityContext?.allowPrivilegeEscalation !== false)
    problems.push(`${where}: allowPrivilegeEscalation is not false`);
  if (!(container.securityContext?.capabilities?.drop ?? []).includes('ALL'))
    problems.push(`${where}: capabilities do not drop ALL`);
  if ((container.securityContext?.capabilities?.add ?? []).length > 0)
    problems.push(`${where}: adds capabilities ${container.securityContext?.capabilities?.add?.join(', ')}`);
  if (pick('seccompProfile')?.type !== 'RuntimeDefault')
    problems.push(`${where}: seccompProfile is not RuntimeDefault`);
  return problems;
}

function resourceProblems(where: string, container: Container): string[] {
  const problems: string[] = [];
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory']) {
      if (!container.resources?.[kind]?.[resource]) problems.push(`${where}: no ${kind}.${resource}`);
    }
  }
  return problems;
}

function imageProblems(where: string, container: Container): string[] {
  if (!container.image) return [`${where}: no image`];
  const tag = imageTag(container.image);
  if (tag === undefined && !container.image.includes('@'))
    return [`${where}: image ${container.image} has no tag`];
  if (tag === 'latest') return [`${where}: image ${container.image} uses the tag latest`];
  return [];
}

/** Every rule broken by any container of any workload in `objects`. */
export function workloadProblems(objects: readonly K8sObject[]): string[] {
  return objects.flatMap((object) => {
    const template = podTemplateOf(object);
    if (!template) return [];
    const longRunning = LONG_RUNNING.has(object.kind);
    const containers = [...(template.spec.initContainers ?? []), ...template.spec.containers];
    return containers.flatMap((container) => {
      const where = `${object.kind}/${object.metadata.name} container ${container.name}`;
      return [
        ...resourceProblems(where, container),
        ...(template.spec.containers.includes(container) ? probeProblems(where, container, longRunning) : []),
        ...securityProblems(where, template.spec, container),
        ...imageProblems(where, container),
      ];
    });
  });
}
