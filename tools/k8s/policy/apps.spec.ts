// Policy checks of the application workloads in k8s/ (issue 17), on each overlay as `kubectl kustomize` renders it:
// container hardening, one Deployment/Service/PDB/NetworkPolicy per app of libs/topology, exactly the traffic each
// app needs, replicas and autoscaling bounded by the contracts' partition counts, and the same settings as compose.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { TopicDefinitions } from '@edr/contracts';
import { Workers, isWorker } from '@edr/topology';
import { type K8sObject, OVERLAYS, buildOverlay, ofKind, repoRoot } from '../kustomize-build.js';
import {
  KAFKA_BOOTSTRAP,
  KAFKA_CLUSTER,
  POSTGRES_CLUSTER,
  apps,
  configOf,
  type Deployment,
  expectedNetworkPolicySpec,
  type LabelSelector,
  nameLabel,
  one,
  roleSecret,
  selects,
} from './app-objects.js';
import { imageTag, workloadProblems } from './workload-policy.js';

const built = Object.fromEntries(OVERLAYS.map((overlay) => [overlay, buildOverlay(overlay)])) as Record<
  (typeof OVERLAYS)[number],
  K8sObject[]
>;
const httpServices = apps.filter((app) => !isWorker(app));
const labelTasks = TopicDefinitions.shippingLabelTasks;
/** A service's consumers read event and command streams; none of them has more partitions than this. */
const streamPartitions = Math.min(
  ...Object.values(TopicDefinitions)
    .filter((topic) => /\.(events|commands)$/.test(topic.name))
    .map((topic) => topic.partitions),
);

interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
}
type NetworkPolicy = K8sObject & {
  spec: {
    podSelector: LabelSelector;
    policyTypes?: string[];
    ingress?: Array<{ from?: NetworkPolicyPeer[]; ports?: Array<{ port: number | string }> }>;
  };
};

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const objects = built[overlay];
  const deployment = (app: (typeof apps)[number]) => one<Deployment>(objects, 'Deployment', app.app);
  interface KafkaListener {
    name: string;
    port: number;
    type: string;
    tls: boolean;
    authentication?: { type: string };
    networkPolicyPeers?: NetworkPolicyPeer[];
  }
  const kafkaListeners = () =>
    one<K8sObject & { spec: { kafka: { listeners: KafkaListener[] } } }>(objects, 'Kafka', KAFKA_CLUSTER).spec
      .kafka.listeners;

  test('every container is hardened, sized, probed and pinned', () => {
    expect(ofKind(objects, 'Deployment').length).toBeGreaterThan(0);
    expect(workloadProblems(objects)).toEqual([]);
  });

  test('every app object lives in the namespace edr', () => {
    const appObjects = objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/name'] !== undefined);
    expect(appObjects.length).toBeGreaterThan(0);
    expect(
      appObjects.filter((o) => o.metadata.namespace !== 'edr').map((o) => `${o.kind}/${o.metadata.name}`),
    ).toEqual([]);
  });

  test.each(apps.map((app) => [app.app, app] as const))(
    '%s has its Deployment, Service, PodDisruptionBudget and NetworkPolicy, on its port',
    (_name, app) => {
      const d = deployment(app);
      expect(d.spec.selector.matchLabels).toEqual(nameLabel(app));
      expect(d.spec.template.metadata?.labels).toMatchObject(nameLabel(app));
      const [container, ...others] = d.spec.template.spec.containers;
      expect(others).toEqual([]);
      expect(container!.ports).toEqual([{ name: 'http', containerPort: app.port, protocol: 'TCP' }]);
      for (const probe of [container!.startupProbe, container!.readinessProbe, container!.livenessProbe]) {
        expect(probe?.httpGet).toEqual({ path: '/health', port: 'http' });
      }
      expect(container!.image).toMatch(new RegExp(`(^|/)edr/${app.app}:[^:]+$`));

      const service = one<K8sObject & { spec: { selector: object; ports: object[] } }>(
        objects,
        'Service',
        app.app,
      );
      expect(service.spec.selector).toEqual(nameLabel(app));
      expect(service.spec.ports).toEqual([
        { name: 'http', port: app.port, targetPort: 'http', protocol: 'TCP' },
      ]);

      const pdb = one<K8sObject & { spec: object }>(objects, 'PodDisruptionBudget', app.app);
      expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: nameLabel(app) } });

      const policy = one<K8sObject & { spec: object }>(objects, 'NetworkPolicy', app.app);
      expect(policy.spec).toEqual(
        expectedNetworkPolicySpec(
          app,
          kafkaListeners().map((l) => l.port),
        ),
      );
    },
  );

  test('no other NetworkPolicy selects an app pod (so nothing widens what its own allows)', () => {
    const others = ofKind<NetworkPolicy>(objects, 'NetworkPolicy').filter(
      (p) => !apps.some((app) => app.app === p.metadata.name),
    );
    for (const app of apps) {
      const labels = deployment(app).spec.template.metadata?.labels ?? {};
      const selecting = others.filter((p) => selects(p.spec.podSelector, labels));
      expect({ app: app.app, selectedBy: selecting.map((p) => p.metadata.name) }).toEqual({
        app: app.app,
        selectedBy: [],
      });
    }
  });

  test('the servers let the apps in: PostgreSQL on 5432 and the Kafka listener (where they restrict ingress)', () => {
    const postgresPods = { 'cnpg.io/cluster': POSTGRES_CLUSTER };
    const postgresPolicies = ofKind<NetworkPolicy>(objects, 'NetworkPolicy').filter(
      (p) =>
        selects(p.spec.podSelector, postgresPods) && (p.spec.policyTypes ?? ['Ingress']).includes('Ingress'),
    );
    const bootstrapPort = Number(KAFKA_BOOTSTRAP.split(':')[1]);
    const peers = kafkaListeners().find((l) => l.port === bootstrapPort)?.networkPolicyPeers;
    // Same namespace, no namespaceSelector: a peer with one would name another namespace.
    const admits = (peer: NetworkPolicyPeer, labels: Record<string, string>) =>
      peer.namespaceSelector === undefined &&
      peer.podSelector !== undefined &&
      selects(peer.podSelector, labels);
    for (const app of apps) {
      const labels = deployment(app).spec.template.metadata?.labels ?? {};
      const toPostgres =
        postgresPolicies.length === 0 ||
        postgresPolicies.some((p) =>
          (p.spec.ingress ?? []).some(
            (rule) =>
              (rule.ports === undefined || rule.ports.some((port) => port.port === 5432)) &&
              (rule.from === undefined || rule.from.some((peer) => admits(peer, labels))),
          ),
        );
      const toKafka = peers === undefined || peers.some((peer) => admits(peer, labels));
      expect({ app: app.app, toPostgres, toKafka }).toEqual({
        app: app.app,
        toPostgres: true,
        toKafka: true,
      });
    }
  });

  test('no app object is left over from an app that is not in libs/topology', () => {
    const names = new Set(apps.map((app) => app.app));
    const appObjects = objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/name'] !== undefined);
    const strays = appObjects.filter((o) => !names.has(o.metadata.labels!['app.kubernetes.io/name']!));
    expect(strays.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    expect(
      ofKind(objects, 'Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual([...names].sort());
  });

  test.each(apps.map((app) => [app.app, app] as const))(
    '%s reaches the system database as its own role from a Secret, and Kafka through the Strimzi bootstrap',
    (_name, app) => {
      const d = deployment(app);
      const env = Object.fromEntries((d.spec.template.spec.containers[0]!.env ?? []).map((v) => [v.name, v]));
      expect(env.EDR_DB_USER?.valueFrom?.secretKeyRef).toEqual({ name: roleSecret(app), key: 'username' });
      expect(env.EDR_DB_PASSWORD?.valueFrom?.secretKeyRef).toEqual({
        name: roleSecret(app),
        key: 'password',
      });
      expect(env.DATABASE_URL?.value).toBe(
        `postgres://$(EDR_DB_USER):$(EDR_DB_PASSWORD)@${POSTGRES_CLUSTER}-rw:5432/${app.database}`,
      );
      // No literal secret anywhere in the pod spec: only references.
      expect(
        Object.values(env).filter((v) => /PASSWORD|SECRET|TOKEN/.test(v.name) && v.value !== undefined),
      ).toEqual([]);
      const config = configOf(objects, d);
      expect(config.KAFKA_BROKERS).toBe(KAFKA_BOOTSTRAP);
      // SCRAM as the app's own KafkaUser, its password from the Secret Strimzi keeps under the user's name.
      expect(config.KAFKA_SASL_USERNAME).toBe(app.app);
      expect(env.KAFKA_SASL_PASSWORD?.valueFrom?.secretKeyRef).toEqual({ name: app.app, key: 'password' });
      expect(config.PORT).toBe(String(app.port));
      expect(config.DATABASE_URL).toBeUndefined();
    },
  );

  test('the clusters, users and roles the apps log in as are the ones the platform defines', () => {
    // Kafka: one internal listener on the bootstrap port, with the mechanism the apps use.
    const listeners = kafkaListeners();
    const bootstrapPort = Number(KAFKA_BOOTSTRAP.split(':')[1]);
    const listener = listeners.find((l) => l.port === bootstrapPort);
    expect(listener).toMatchObject({ type: 'internal', tls: false });
    for (const app of apps) {
      const config = configOf(objects, deployment(app));
      expect(config.KAFKA_SASL_MECHANISM).toBe(listener?.authentication?.type);
      const user = one<K8sObject & { spec: { authentication: { type: string } } }>(
        objects,
        'KafkaUser',
        app.app,
      );
      expect(user.metadata.labels?.['strimzi.io/cluster']).toBe(KAFKA_CLUSTER);
      expect(user.spec.authentication.type).toBe(config.KAFKA_SASL_MECHANISM);
    }
    // PostgreSQL: the managed role of each app's database keeps its password in the Secret the app reads.
    interface Cluster {
      spec: {
        managed: { roles: Array<{ name: string; login?: boolean; passwordSecret?: { name: string } }> };
      };
    }
    const roles = one<K8sObject & Cluster>(objects, 'Cluster', POSTGRES_CLUSTER).spec.managed.roles;
    for (const app of apps) {
      const role = roles.find((r) => r.name === app.role);
      expect({ app: app.app, login: role?.login, secret: role?.passwordSecret?.name }).toEqual({
        app: app.app,
        login: true,
        secret: roleSecret(app),
      });
    }
  });

  test('the label workers scale on their group lag, never past the partitions of their task topic', () => {
    const worker = Workers.label;
    interface ScaledObject {
      spec: {
        scaleTargetRef: { name: string; kind?: string };
        minReplicaCount: number;
        maxReplicaCount: number;
        triggers: Array<{ type: string; metadata: Record<string, string> }>;
      };
    }
    const scaled = one<K8sObject & ScaledObject>(objects, 'ScaledObject', worker.app);
    expect(scaled.spec.scaleTargetRef.name).toBe(worker.app);
    expect(scaled.spec.scaleTargetRef.kind ?? 'Deployment').toBe('Deployment');
    expect(scaled.spec.maxReplicaCount).toBe(labelTasks.partitions);
    expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    expect(scaled.spec.triggers).toHaveLength(1);
    const [trigger] = scaled.spec.triggers;
    expect(trigger!.type).toBe('kafka');
    expect(trigger!.metadata).toMatchObject({
      consumerGroup: worker.groupId,
      topic: labelTasks.name,
      bootstrapServers: KAFKA_BOOTSTRAP.replace(':', '.edr.svc:'),
      allowIdleConsumers: 'false',
      sasl: 'scram_sha512',
    });
    // KEDA logs in as the worker's own KafkaUser (the name in its ConfigMap, the password in Strimzi's Secret).
    interface TriggerAuthentication {
      spec: {
        configMapTargetRef: Array<{ parameter: string; name: string; key: string }>;
        secretTargetRef: Array<{ parameter: string; name: string; key: string }>;
      };
    }
    const authName = (trigger as { authenticationRef?: { name: string } }).authenticationRef?.name ?? '';
    const auth = one<K8sObject & TriggerAuthentication>(objects, 'TriggerAuthentication', authName);
    const container = one<Deployment>(objects, 'Deployment', worker.app).spec.template.spec.containers[0]!;
    const configMap = container.envFrom?.find((source) => source.configMapRef)?.configMapRef?.name;
    expect(auth.spec.configMapTargetRef).toEqual([
      { parameter: 'username', name: configMap, key: 'KAFKA_SASL_USERNAME' },
    ]);
    expect(auth.spec.secretTargetRef).toEqual([{ parameter: 'password', name: worker.app, key: 'password' }]);
    // KEDA owns the worker's replicas: no HPA of ours may fight it.
    expect(ofKind(objects, 'HorizontalPodAutoscaler').map((h) => h.metadata.name)).not.toContain(worker.app);
  });

  const hpas = ofKind<
    K8sObject & { spec: { scaleTargetRef: { name: string }; minReplicas: number; maxReplicas: number } }
  >(objects, 'HorizontalPodAutoscaler');
  if (overlay === 'prod') {
    test('every HTTP service runs at least two instances, scaling up to its streams partition count', () => {
      for (const app of httpServices) {
        const hpa = hpas.find((h) => h.spec.scaleTargetRef.name === app.app);
        expect({ app: app.app, minReplicas: hpa?.spec.minReplicas }).toEqual({
          app: app.app,
          minReplicas: 2,
        });
        expect(hpa!.spec.maxReplicas).toBeLessThanOrEqual(streamPartitions);
        // The autoscaler owns replicas: a fixed count in the Deployment would be reset on every apply.
        expect(deployment(app).spec.replicas).toBeUndefined();
      }
    });

    test('no Secret carries a value (prod Secrets are created out of band)', () => {
      const withData = ofKind<K8sObject & { data?: object; stringData?: object }>(objects, 'Secret').filter(
        (s) => s.data !== undefined || s.stringData !== undefined,
      );
      expect(withData.map((s) => s.metadata.name)).toEqual([]);
    });

    test('images come from a registry at a release tag', () => {
      for (const app of apps) {
        const image = deployment(app).spec.template.spec.containers[0]!.image;
        expect(image.split('/').length).toBeGreaterThanOrEqual(3);
        expect(imageTag(image)).toMatch(/^\d+\.\d+\.\d+/);
      }
    });
  } else {
    test('one instance of each app and no HPA', () => {
      expect(hpas).toEqual([]);
      for (const app of apps)
        expect({ app: app.app, replicas: deployment(app).spec.replicas }).toEqual({
          app: app.app,
          replicas: 1,
        });
    });
  }
});

describe('the policy checks catch a broken manifest', () => {
  const pristine = built.prod;
  const broken = (mutate: (d: Deployment) => void) => {
    const copy = structuredClone(pristine);
    mutate(one<Deployment>(copy, 'Deployment', 'order-service'));
    return workloadProblems(copy);
  };
  const container = (d: Deployment) =>
    d.spec.template.spec.containers[0] as unknown as Record<string, unknown>;

  test.each([
    ['a missing readiness probe', (d: Deployment) => delete container(d).readinessProbe, 'no readinessProbe'],
    ['a missing liveness probe', (d: Deployment) => delete container(d).livenessProbe, 'no livenessProbe'],
    [
      'no memory limit',
      (d: Deployment) => delete (container(d).resources as { limits?: object }).limits,
      'no limits.memory',
    ],
    [
      'the tag latest',
      (d: Deployment) => (container(d).image = 'edr/order-service:latest'),
      'image edr/order-service:latest uses the tag latest',
    ],
    [
      'no tag',
      (d: Deployment) => (container(d).image = 'edr/order-service'),
      'image edr/order-service has no tag',
    ],
    ['root', (d: Deployment) => (d.spec.template.spec.securityContext = {}), 'runAsNonRoot is not true'],
    [
      'a writable root filesystem',
      (d: Deployment) =>
        ((container(d).securityContext as Record<string, unknown>).readOnlyRootFilesystem = false),
      'readOnlyRootFilesystem is not true',
    ],
  ])('%s', (_what, mutate, expected) => {
    expect(workloadProblems(pristine)).toEqual([]);
    expect(broken(mutate).join('\n')).toContain(
      `Deployment/order-service container order-service: ${expected}`,
    );
  });
});

describe('label selectors as Kubernetes evaluates them', () => {
  const labels = { 'app.kubernetes.io/name': 'order-service', 'app.kubernetes.io/part-of': 'edr' };
  test.each([
    [{}, true],
    [{ matchLabels: { 'app.kubernetes.io/name': 'order-service' } }, true],
    [{ matchLabels: { 'app.kubernetes.io/name': 'label-worker' } }, false],
    [
      { matchExpressions: [{ key: 'app.kubernetes.io/part-of', operator: 'In' as const, values: ['edr'] }] },
      true,
    ],
    [
      {
        matchExpressions: [{ key: 'app.kubernetes.io/part-of', operator: 'NotIn' as const, values: ['edr'] }],
      },
      false,
    ],
    [{ matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'Exists' as const }] }, true],
    [{ matchExpressions: [{ key: 'strimzi.io/cluster', operator: 'DoesNotExist' as const }] }, true],
    [{ matchExpressions: [{ key: 'strimzi.io/cluster', operator: 'Exists' as const }] }, false],
  ])('%j selects an app pod: %s', (selector, expected) => {
    expect(selects(selector, labels)).toBe(expected);
  });
});

describe('compose and k8s run the apps with the same settings', () => {
  interface ComposeService {
    environment?: Record<string, string | number>;
  }
  const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  };
  /** A compose value as it is with nothing set in the shell: `${VAR:-default}` → default. */
  const withDefaults = (value: string | number) =>
    String(value).replace(/\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}/g, '$1');
  /** Where the two paths differ on purpose: the address of Kafka, and the database URL (a Secret in k8s). */
  const differs = new Set(['KAFKA_BROKERS', 'DATABASE_URL']);

  test.each(apps.map((app) => [app.app, app] as const))('%s', (_name, app) => {
    const composeEnv = compose.services[app.app]?.environment;
    expect(composeEnv).toBeDefined();
    const config = configOf(built.prod, one<Deployment>(built.prod, 'Deployment', app.app));
    for (const [key, raw] of Object.entries(composeEnv!)) {
      if (differs.has(key)) continue;
      // Every setting compose passes exists in the ConfigMap...
      expect({ key, inConfigMap: key in config }).toEqual({ key, inConfigMap: true });
      // ...with the same value, unless compose leaves it empty (= the schema's default; the ConfigMap spells it out).
      const value = withDefaults(raw);
      if (value !== '') expect({ key, value: config[key] }).toEqual({ key, value });
    }
  });
});
