import { describe, expect, test } from '@jest/globals';
import { loadConfig } from '@edr/config';
import { labelWorkerConfigSchema } from './label-worker.config.js';
import { fittingK8sConfig, k8sConfigReport } from '@edr/testing';

describe('labelWorkerConfigSchema', () => {
  test("defaults: group label-worker on shipping's database, base port 3011, a worker id from host and pid", () => {
    const config = loadConfig(labelWorkerConfigSchema, {});
    expect(config.serviceName).toBe('label-worker');
    expect(config.kafka.clientId).toBe('label-worker');
    expect(config.http.port).toBe(3011);
    expect(config.database.url).toBe('postgres://shipping_svc:shipping_svc@localhost:5432/edr');
    expect(config.tasks.workerId).toMatch(new RegExp(`-${process.pid}$`));
    expect(config.faults.failTaskAttempts).toBeNull();
  });

  test('WORKER_ID names the instance; a bad one is refused with the rule', () => {
    expect(loadConfig(labelWorkerConfigSchema, { WORKER_ID: 'label-worker-2' }).tasks.workerId).toBe(
      'label-worker-2',
    );
    expect(() => loadConfig(labelWorkerConfigSchema, { WORKER_ID: 'two words' })).toThrow(
      /WORKER_ID is "two words": must be 1 to 100 letters/,
    );
  });
});

describe('label-worker on Kubernetes', () => {
  test('its ConfigMap (k8s/base/apps/label-worker/config.env) sets every setting, parses, and keeps the defaults', () => {
    expect(k8sConfigReport('label-worker', labelWorkerConfigSchema)).toEqual(fittingK8sConfig);
  });
});
