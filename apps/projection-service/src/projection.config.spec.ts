import { describe, expect, test } from '@jest/globals';
import { fittingK8sConfig, k8sConfigReport } from '@edr/testing';
import { projectionConfigSchema } from './projection.config.js';

describe('projection-service on Kubernetes', () => {
  test('its ConfigMap (k8s/base/apps/projection-service/config.env) sets every setting, parses, and keeps the defaults', () => {
    expect(k8sConfigReport('projection-service', projectionConfigSchema)).toEqual(fittingK8sConfig);
  });
});
