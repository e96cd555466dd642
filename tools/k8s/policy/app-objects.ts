// What the k8s objects of one app (a service or worker of libs/topology) must look like where the topology, the
// contracts and the platform decide it: names, ports, the database it reaches, the traffic it may send.
import { type ServiceTopology, Services, Workers } from '@edr/topology';
import type { K8sObject } from '../kustomize-build.js';
import type { PodTemplate } from './workload-policy.js';

/** The clusters the apps reach; the platform component defines them (tools/k8s/platform/names.ts). */
export const POSTGRES_CLUSTER = 'edr-postgres';
export const KAFKA_CLUSTER = 'edr';
export const KAFKA_BOOTSTRAP = `${KAFKA_CLUSTER}-kafka-bootstrap:9092`;

export const apps: readonly ServiceTopology[] = [...Object.values(Services), ...Object.values(Workers)];
export const nameLabel = (app: ServiceTopology) => ({ 'app.kubernetes.io/name': app.app });

/** The Secret of a login role as the CloudNativePG managed roles expect it: basic-auth, `<cluster>-<role>`. */
export const roleSecret = (app: ServiceTopology) => `${POSTGRES_CLUSTER}-${app.role.replace(/_/g, '-')}`;

/**
 * Exactly the traffic an app needs: its HTTP port in; PostgreSQL, the Kafka brokers' client listener ports (read from
 * the Kafka resource) and DNS out.
 */
export const expectedNetworkPolicySpec = (app: ServiceTopology, kafkaPorts: readonly number[]) => ({
  podSelector: { matchLabels: nameLabel(app) },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [{ ports: [{ port: app.port, protocol: 'TCP' }] }],
  egress: [
    {
      to: [{ podSelector: { matchLabels: { 'cnpg.io/cluster': POSTGRES_CLUSTER } } }],
      ports: [{ port: 5432, protocol: 'TCP' }],
    },
    {
      to: [
        {
          podSelector: {
            matchLabels: { 'strimzi.io/cluster': KAFKA_CLUSTER, 'strimzi.io/broker-role': 'true' },
          },
        },
      ],
      ports: kafkaPorts.map((port) => ({ port, protocol: 'TCP' })),
    },
    {
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        },
      ],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    },
  ],
});

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
export interface AppContainer {
  name: string;
  image: string;
  ports: Array<{ name?: string; containerPort: number }>;
  env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
}
export type Deployment = K8sObject & {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: PodTemplate & { spec: { containers: AppContainer[] } };
  };
};
export type ConfigMap = K8sObject & { data?: Record<string, string> };

/** The one object of `kind` named `name`, or an error that says which is missing. */
export function one<T extends K8sObject>(objects: readonly K8sObject[], kind: string, name: string): T {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} named ${name}, found ${found.length}`);
  return found[0] as T;
}

/** The settings a Deployment's container gets from its ConfigMap (envFrom), by key. */
export function configOf(objects: readonly K8sObject[], deployment: Deployment): Record<string, string> {
  const container = deployment.spec.template.spec.containers[0]!;
  const refs = (container.envFrom ?? []).flatMap((source) =>
    source.configMapRef ? [source.configMapRef.name] : [],
  );
  return Object.assign(
    {},
    ...refs.map((name) => one<ConfigMap>(objects, 'ConfigMap', name).data ?? {}),
  ) as Record<string, string>;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
}

/** Whether a Kubernetes label selector selects an object with `labels` (an empty selector selects everything). */
export function selects(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return key in labels && values.includes(labels[key]!);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]!);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
    }
  });
  return byLabel && byExpression;
}
