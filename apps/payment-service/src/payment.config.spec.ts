import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '@edr/config';
import { paymentConfigSchema } from './payment.config.js';
import { fittingK8sConfig, k8sConfigReport } from '@edr/testing';

describe('paymentConfigSchema', () => {
  test('defaults: port 3002, customer wait 3000 ms (below the saga step timeout), no faults', () => {
    const config = loadConfig(paymentConfigSchema, {});
    expect(config.serviceName).toBe('payment-service');
    expect(config.http.port).toBe(3002);
    expect(config.payment).toEqual({ customerWaitMs: 3_000, customerWaitBackstopMs: 5_000 });
    expect(config.faults).toEqual({
      declineProbability: 0,
      errorProbability: 0,
      latencyMs: 0,
      crashAfterMessages: null,
      failTaskAttempts: null,
    });
  });

  test('PAYMENT_CUSTOMER_WAIT_MS and its backstop are read from the environment', () => {
    const config = loadConfig(paymentConfigSchema, {
      PAYMENT_CUSTOMER_WAIT_MS: '500',
      PAYMENT_CUSTOMER_WAIT_BACKSTOP_MS: '1000',
    });
    expect(config.payment).toEqual({ customerWaitMs: 500, customerWaitBackstopMs: 1_000 });
  });

  test('an invalid wait is reported by name', () => {
    expect(() => loadConfig(paymentConfigSchema, { PAYMENT_CUSTOMER_WAIT_MS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig(paymentConfigSchema, { PAYMENT_CUSTOMER_WAIT_MS: 'soon' })).toThrow(
      /PAYMENT_CUSTOMER_WAIT_MS is "soon"/,
    );
  });
});

describe('payment-service on Kubernetes', () => {
  test('its ConfigMap (k8s/base/apps/payment-service/config.env) sets every setting, parses, and keeps the defaults', () => {
    expect(k8sConfigReport('payment-service', paymentConfigSchema)).toEqual(fittingK8sConfig);
  });
});
