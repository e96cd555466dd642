import { describe, expect, test } from '@jest/globals';
import { fittingK8sConfig, k8sConfigReport } from '@edr/testing';
import { shippingConfigSchema } from './shipping.config.js';

describe('shipping-service on Kubernetes', () => {
  test('its ConfigMap (k8s/base/apps/shipping-service/config.env) sets every setting, parses, and keeps the defaults', () => {
    expect(k8sConfigReport('shipping-service', shippingConfigSchema)).toEqual(fittingK8sConfig);
  });
});
