import { describe, expect, test } from '@jest/globals';
import { loadConfig } from '@edr/config';
import { orderConfigSchema } from './order.config.js';
import { fittingK8sConfig, k8sConfigReport } from '@edr/testing';

describe('order-service configuration', () => {
  test('defaults: saga timeouts, the deadline backstop and admission control', () => {
    const config = loadConfig(orderConfigSchema, {});
    expect(config.saga).toEqual({
      stepTimeoutMs: 5_000,
      maxStepAttempts: 3,
      compensationTimeoutMs: 5_000,
      maxCompensationBackoffMs: 60_000,
      deadlineBackstopMs: 5_000,
    });
    expect(config.admission).toEqual({ maxInFlight: 60, retryAfterS: 1, refreshMs: 100 });
  });

  test('reads the admission settings', () => {
    const config = loadConfig(orderConfigSchema, {
      ORDER_ADMISSION_MAX_IN_FLIGHT: '3',
      ORDER_ADMISSION_RETRY_AFTER_S: '5',
      ORDER_ADMISSION_REFRESH_MS: '20',
      SAGA_DEADLINE_BACKSTOP_MS: '2000',
    });
    expect(config.admission).toEqual({ maxInFlight: 3, retryAfterS: 5, refreshMs: 20 });
    expect(config.saga.deadlineBackstopMs).toBe(2_000);
  });

  test.each([
    ['ORDER_ADMISSION_MAX_IN_FLIGHT', '0', /ORDER_ADMISSION_MAX_IN_FLIGHT is "0": must be at least 1/],
    ['ORDER_ADMISSION_MAX_IN_FLIGHT', 'lots', /must be a whole number of sagas such as 60/],
    [
      'ORDER_ADMISSION_MAX_IN_FLIGHT',
      '2.5',
      /ORDER_ADMISSION_MAX_IN_FLIGHT is "2.5": must be a whole number/,
    ],
    ['ORDER_ADMISSION_RETRY_AFTER_S', '0', /ORDER_ADMISSION_RETRY_AFTER_S is "0": must be at least 1/],
    ['ORDER_ADMISSION_RETRY_AFTER_S', '7200', /must be at most 3600/],
    ['ORDER_ADMISSION_REFRESH_MS', '-1', /ORDER_ADMISSION_REFRESH_MS is "-1": must be at least 1/],
    ['SAGA_DEADLINE_BACKSTOP_MS', '10', /SAGA_DEADLINE_BACKSTOP_MS is "10": must be at least 100/],
    ['SAGA_DEADLINE_BACKSTOP_MS', '3600000', /must be at most 600000/],
  ])('%s=%s is refused naming the variable, the value and the rule', (name, value, message) => {
    expect(() => loadConfig(orderConfigSchema, { [name]: value })).toThrow(message);
  });
});

describe('order-service on Kubernetes', () => {
  test('its ConfigMap (k8s/base/apps/order-service/config.env) sets every setting, parses, and keeps the defaults', () => {
    expect(k8sConfigReport('order-service', orderConfigSchema)).toEqual(fittingK8sConfig);
  });
});
