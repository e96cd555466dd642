import { describe, expect, test } from '@jest/globals';
import { brokerProperties, connectWorkerProperties, log4j2Properties } from './kafka-config.js';
import { formatBytes, formatTable } from './status-table.js';

const parse = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

describe('brokerProperties', () => {
  const props = parse(brokerProperties({ port: 9092, controllerPort: 9093, dataDir: '/d/kafka' }));

  test('is a KRaft combined node with a dynamic quorum on the controller port', () => {
    expect(props).toMatchObject({
      'process.roles': 'broker,controller',
      'controller.quorum.bootstrap.servers': 'localhost:9093',
      listeners: 'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
      'advertised.listeners': 'PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093',
      'log.dirs': '/d/kafka',
    });
  });

  test('uses replication factor 1 for every internal topic, 3 partitions and no join delay', () => {
    expect(props).toMatchObject({
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'share.coordinator.state.topic.replication.factor': '1',
      'num.partitions': '3',
      'auto.create.topics.enable': 'true',
      'group.initial.rebalance.delay.ms': '0',
    });
  });
});

describe('connectWorkerProperties', () => {
  test('names group and topics as the system contract does and enables the env config provider', () => {
    const props = parse(
      connectWorkerProperties({ bootstrapServers: 'localhost:9092', restPort: 8083, pluginPath: '/p' }),
    );
    expect(props).toMatchObject({
      'group.id': 'edr-connect',
      'config.storage.topic': 'edr-connect-configs',
      'offset.storage.topic': 'edr-connect-offsets',
      'status.storage.topic': 'edr-connect-status',
      listeners: 'http://127.0.0.1:8083',
      'plugin.path': '/p',
      'config.providers': 'env',
      'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter.schemas.enable': 'false',
    });
  });
});

describe('log4j2Properties', () => {
  test('logs to stdout and quiets the given loggers', () => {
    const text = log4j2Properties(['a.b.C']);
    expect(text).toContain('rootLogger.appenderRef.stdout.ref = STDOUT');
    expect(text).toContain('logger.quiet0.name = a.b.C\nlogger.quiet0.level = WARN');
  });
});

describe('formatTable', () => {
  test('pads columns', () => {
    expect(formatTable(['a', 'bb'], [['xxx', 'y']])).toBe('a    bb\n---  --\nxxx  y');
  });

  test('formats memory', () => {
    expect(formatBytes(undefined)).toBe('-');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GiB');
  });
});
