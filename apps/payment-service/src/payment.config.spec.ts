import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from '@edr/config';
import { paymentConfigSchema } from './payment.config.js';

describe('paymentConfigSchema', () => {
  test('defaults: port 3002, default credit limit 5000, no faults', () => {
    const config = loadConfig(paymentConfigSchema, {});
    expect(config.serviceName).toBe('payment-service');
    expect(config.http.port).toBe(3002);
    expect(config.payment.defaultCreditLimit).toBe(5000);
    expect(config.faults).toEqual({
      declineProbability: 0,
      errorProbability: 0,
      latencyMs: 0,
      crashAfterMessages: null,
      failTaskAttempts: null,
    });
  });

  test('PAYMENT_DEFAULT_CREDIT_LIMIT sets the default; empty means unset', () => {
    expect(loadConfig(paymentConfigSchema, { PAYMENT_DEFAULT_CREDIT_LIMIT: '250.5' }).payment).toEqual({
      defaultCreditLimit: 250.5,
    });
    expect(
      loadConfig(paymentConfigSchema, { PAYMENT_DEFAULT_CREDIT_LIMIT: '' }).payment.defaultCreditLimit,
    ).toBe(5000);
  });

  test('an invalid default limit is reported by name', () => {
    expect(() => loadConfig(paymentConfigSchema, { PAYMENT_DEFAULT_CREDIT_LIMIT: '-1' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig(paymentConfigSchema, { PAYMENT_DEFAULT_CREDIT_LIMIT: 'lots' })).toThrow(
      /PAYMENT_DEFAULT_CREDIT_LIMIT is "lots"/,
    );
  });
});
