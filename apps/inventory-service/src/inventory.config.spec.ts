import { describe, expect, test } from '@jest/globals';
import { fittingK8sConfig, k8sConfigReport } from '@edr/testing';
import { inventoryConfigSchema } from './inventory.config.js';

describe('inventory-service on Kubernetes', () => {
  test('its ConfigMap (k8s/base/apps/inventory-service/config.env) sets every setting, parses, and keeps the defaults', () => {
    expect(k8sConfigReport('inventory-service', inventoryConfigSchema)).toEqual(fittingK8sConfig);
  });
});
