// Every overlay renders (kubectl kustomize, or kustomize) and every object validates strictly against its schema;
// and the validation does fail on a broken manifest: an unknown field, a wrong type, a bad enum value.
import { describe, expect, test } from '@jest/globals';
import { OVERLAYS, type K8sObject, buildOverlay } from '../kustomize-build.js';
import { validateObject, validateObjects } from './schema-validator.js';

const copy = <T>(value: T): T => structuredClone(value);
const rendered = new Map(OVERLAYS.map((overlay) => [overlay, buildOverlay(overlay)] as const));
const first = (kind: string): K8sObject => {
  const found = rendered.get('prod')!.find((object) => object.kind === kind);
  if (!found) throw new Error(`the prod overlay has no ${kind}`);
  return copy(found);
};

describe('k8s manifests validate strictly against the Kubernetes and CRD schemas', () => {
  test.each(OVERLAYS)('overlay %s: every object is valid', (overlay) => {
    const objects = rendered.get(overlay)!;
    expect(objects.length).toBeGreaterThan(0);
    expect(validateObjects(objects)).toEqual([]);
  });

  test('an object of a kind without a vendored schema fails, naming what to do', () => {
    const object = { apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w' } };
    expect(validateObject(object)).toEqual([expect.stringContaining('no schema for example.io/v1 Widget')]);
  });
});

describe('the validation fails on broken manifests', () => {
  test('an unknown field in a Deployment container', () => {
    const deployment = first('Deployment') as K8sObject & {
      spec: { template: { spec: { containers: Record<string, unknown>[] } } };
    };
    deployment.spec.template.spec.containers[0]!.portz = [{ containerPort: 80 }];
    expect(validateObject(deployment)).toEqual([
      expect.stringMatching(
        /\/spec\/template\/spec\/containers\/0 must NOT have additional properties \(portz\)/,
      ),
    ]);
  });

  test('a wrong type in a Deployment', () => {
    const deployment = first('Deployment') as K8sObject & { spec: Record<string, unknown> };
    deployment.spec.replicas = '2';
    expect(validateObject(deployment).join('\n')).toMatch(/\/spec\/replicas must be (integer|array)/);
  });

  test('a wrong type and an unknown field in a KafkaTopic', () => {
    const topic = first('KafkaTopic') as K8sObject & { spec: Record<string, unknown> };
    topic.spec.partitions = 'three';
    topic.spec.replicaz = 3;
    const problems = validateObject(topic).join('\n');
    expect(problems).toMatch(/\/spec\/partitions must be integer/);
    expect(problems).toMatch(/\/spec must NOT have additional properties \(replicaz\)/);
  });

  test('a bad enum value in a KafkaNodePool and an unknown top-level field in a CNPG Cluster', () => {
    const pool = first('KafkaNodePool') as K8sObject & { spec: Record<string, unknown> };
    pool.spec.roles = ['zookeeper'];
    expect(validateObject(pool).join('\n')).toMatch(
      /\/spec\/roles\/0 must be equal to one of the allowed values/,
    );
    const cluster = first('Cluster') as K8sObject & { spec: Record<string, unknown> };
    cluster.spec.bogusField = true;
    expect(validateObject(cluster)).toEqual([expect.stringMatching(/additional properties \(bogusField\)/)]);
  });

  test('a misspelt ACL operation in a KafkaUser', () => {
    const user = first('KafkaUser') as K8sObject & {
      spec: { authorization: { acls: { operations: string[] }[] } };
    };
    user.spec.authorization.acls[0]!.operations = ['Reed'];
    expect(validateObject(user).join('\n')).toMatch(
      /operations\/0 must be equal to one of the allowed values/,
    );
  });
});
