import { describe, expect, test } from '@jest/globals';
import { InfraError } from './errors.js';
import { databaseUrl, parseSettings } from './settings.js';

const repo = '/repo';

describe('parseSettings', () => {
  test('defaults: embedded Postgres on 127.0.0.1:5432, Kafka localhost:9092, Connect 8083, state in .infra', () => {
    const settings = parseSettings({}, repo);
    expect(settings.postgres).toMatchObject({
      mode: 'embedded',
      host: '127.0.0.1',
      port: 5432,
      superuserUrl: 'postgres://postgres:postgres@127.0.0.1:5432/postgres',
      debeziumUser: 'debezium',
    });
    expect(settings.kafka.brokers).toEqual(['localhost:9092']);
    expect(settings.connect.url).toBe('http://127.0.0.1:8083');
    expect(settings.paths.stateFile).toBe('/repo/.infra/state.json');
    expect(settings.javaBin).toBe('java');
  });

  test('ports and the infra directory come from EDR_* variables', () => {
    const settings = parseSettings(
      {
        EDR_PG_PORT: '6543',
        EDR_KAFKA_PORT: '19092',
        EDR_CONNECT_PORT: '18083',
        EDR_INFRA_DIR: '/var/tmp/edr',
      },
      repo,
    );
    expect(settings.postgres.superuserUrl).toBe('postgres://postgres:postgres@127.0.0.1:6543/postgres');
    expect(settings.kafka.brokers).toEqual(['localhost:19092']);
    expect(settings.connect.url).toBe('http://127.0.0.1:18083');
    expect(settings.paths.postgresData).toBe('/var/tmp/edr/data/postgres');
  });

  test('EDR_PG_URL switches to an external server', () => {
    const settings = parseSettings({ EDR_PG_URL: 'postgres://admin:s%40cret@db.local:5433/postgres' }, repo);
    expect(settings.postgres).toMatchObject({
      mode: 'external',
      host: 'db.local',
      port: 5433,
      superuser: 'admin',
      superuserPassword: 's@cret',
      adminDatabase: 'postgres',
    });
    expect(databaseUrl(settings, 'order')).toBe('postgres://order_svc:order_svc@db.local:5433/edr');
  });

  test('JAVA_HOME picks the java binary', () => {
    expect(parseSettings({ JAVA_HOME: '/opt/jdk-17' }, repo).javaBin).toBe('/opt/jdk-17/bin/java');
  });

  test('reports every invalid variable at once, with its value', () => {
    let error: unknown;
    try {
      parseSettings({ EDR_PG_PORT: 'five', EDR_KAFKA_PORT: '70000', EDR_PG_URL: 'mysql://x' }, repo);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InfraError);
    const message = (error as Error).message;
    expect(message).toContain('EDR_PG_PORT is "five": must be a TCP port number');
    expect(message).toContain('EDR_KAFKA_PORT is "70000": must be between 1 and 65535');
    expect(message).toContain(
      'EDR_PG_URL is "mysql://x": must look like postgres://superuser:password@host:5432/postgres',
    );
  });
});

describe('databaseUrl', () => {
  test('follows the contract: <svc>_svc / <svc>_svc on the system database', () => {
    expect(databaseUrl(parseSettings({}, repo), 'projection')).toBe(
      'postgres://projection_svc:projection_svc@127.0.0.1:5432/edr',
    );
  });
});
