import { describe, expect, test } from '@jest/globals';
import { ConfigError, loadConfig } from './load-config.js';
import { z } from 'zod';
import { extendServiceConfigSchema, serviceConfigSchema } from './service-config.js';

const schema = serviceConfigSchema({ name: 'order', port: 3001 });

describe('loadConfig', () => {
  test('applies defaults for a local run', () => {
    expect(loadConfig(schema, {})).toEqual({
      serviceName: 'order-service',
      http: { port: 3001 },
      database: { url: 'postgres://order_svc:order_svc@localhost:5432/edr' },
      kafka: { brokers: ['localhost:9092'], clientId: 'order-service' },
      logLevel: 'log',
      consumer: {
        retry: { maxAttempts: 5, initialBackoffMs: 200, maxBackoffMs: 5_000 },
        maxRecordsPerTransaction: 100,
      },
    });
  });

  test("extends the common settings with a service's own", () => {
    const extended = extendServiceConfigSchema(
      { name: 'payment', port: 3002 },
      { DEFAULT_LIMIT: z.coerce.number().positive().default(5000) },
      (env) => ({ credit: { defaultLimit: env.DEFAULT_LIMIT } }),
    );
    const config = loadConfig(extended, { DEFAULT_LIMIT: '10', CONSUMER_MAX_ATTEMPTS: '2' });
    expect(config.credit.defaultLimit).toBe(10);
    expect(config.consumer.retry.maxAttempts).toBe(2);
    expect(config.serviceName).toBe('payment-service');
    expect(() => loadConfig(extended, { DEFAULT_LIMIT: '-1' })).toThrow(/DEFAULT_LIMIT is "-1"/);
  });

  test('an empty variable counts as unset', () => {
    expect(loadConfig(schema, { PORT: '', LOG_LEVEL: '' })).toMatchObject({
      http: { port: 3001 },
      logLevel: 'log',
    });
  });

  test('splits a broker list', () => {
    expect(loadConfig(schema, { KAFKA_BROKERS: 'a:9092, b:9093' }).kafka.brokers).toEqual([
      'a:9092',
      'b:9093',
    ]);
  });

  test('names every bad variable, its value and the fix', () => {
    const attempt = () =>
      loadConfig(schema, { PORT: 'abc', KAFKA_BROKERS: 'nohost', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT is "abc": must be a TCP port number/);
    expect(attempt).toThrow(/KAFKA_BROKERS is "nohost": each broker must be host:port/);
    expect(attempt).toThrow(/DATABASE_URL is "mysql:\/\/x": must look like postgres:\/\//);
  });

  test('SASL/SCRAM credentials for a broker that authenticates (all three variables or none)', () => {
    const sasl = {
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'order-service',
      KAFKA_SASL_PASSWORD: 's',
    };
    expect(loadConfig(schema, sasl).kafka.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'order-service',
      password: 's',
    });
    expect(loadConfig(schema, {}).kafka).not.toHaveProperty('sasl');
    expect(() => loadConfig(schema, { KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      /KAFKA_SASL_USERNAME is not set: must be set with KAFKA_SASL_MECHANISM=scram-sha-512/,
    );
    expect(() => loadConfig(schema, { KAFKA_SASL_PASSWORD: 'x' })).toThrow(
      /KAFKA_SASL_MECHANISM is not set: must be set \(scram-sha-512 for a Strimzi SCRAM listener\)/,
    );
    expect(() => loadConfig(schema, { ...sasl, KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      /KAFKA_SASL_MECHANISM is "plain": must be scram-sha-256 or scram-sha-512/,
    );
  });

  test('rejects an out-of-range port', () => {
    expect(() => loadConfig(schema, { PORT: '70000' })).toThrow(
      /PORT is "70000": must be between 1 and 65535/,
    );
  });
});
