import { describe, expect, test } from '@jest/globals';
import { loadConfig } from '@edr/config';
import { customerConfigSchema } from './customer.config.js';
import { fittingK8sConfig, k8sConfigReport } from '@edr/testing';

describe('customerConfigSchema', () => {
  test('defaults: port 3005, 10 s registration deadline, ceiling 100 000', () => {
    const config = loadConfig(customerConfigSchema, {});
    expect(config.serviceName).toBe('customer-service');
    expect(config.http.port).toBe(3005);
    expect(config.registration).toEqual({ deadlineMs: 10_000, deadlineBackstopMs: 5_000 });
    expect(config.account).toEqual({ creditLimitCeiling: 100_000 });
  });

  test('bad values are reported by name', () => {
    expect(() => loadConfig(customerConfigSchema, { CUSTOMER_REGISTRATION_DEADLINE_MS: 'soon' })).toThrow(
      /CUSTOMER_REGISTRATION_DEADLINE_MS/,
    );
    expect(() => loadConfig(customerConfigSchema, { CUSTOMER_CREDIT_LIMIT_CEILING: '-5' })).toThrow(
      /CUSTOMER_CREDIT_LIMIT_CEILING/,
    );
  });
});

describe('customer-service on Kubernetes', () => {
  test('its ConfigMap (k8s/base/apps/customer-service/config.env) sets every setting, parses, and keeps the defaults', () => {
    expect(k8sConfigReport('customer-service', customerConfigSchema)).toEqual(fittingK8sConfig);
  });
});
