import { describe, expect, test } from '@jest/globals';
import { listeningInodes, pidFromSs, portInUseMessage } from './ports.js';

// Shape of /proc/net/tcp: 0x2384 = 9092 listening on 127.0.0.1 (0A), 0x1F90 = 8080 established (01).
const procNetTcp = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:2384 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41231 1 0000000000000000 100 0 0 10 0
   1: 00000000:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 40999 1 0000000000000000 100 0 0 10 0
   2: 0100007F:1F90 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 50000 1 0000000000000000 20 4 30 10 -1
`;

describe('listeningInodes', () => {
  test('finds the listening socket of a port', () => {
    expect(listeningInodes(procNetTcp, 9092)).toEqual([41231]);
    expect(listeningInodes(procNetTcp, 5432)).toEqual([40999]);
  });

  test('ignores connections that are not listening, and other ports', () => {
    expect(listeningInodes(procNetTcp, 8080)).toEqual([]);
    expect(listeningInodes(procNetTcp, 8083)).toEqual([]);
  });
});

describe('pidFromSs', () => {
  const ss = [
    'LISTEN 0 50  [::ffff:127.0.0.1]:9092 *:* users:(("java",pid=1234,fd=120))',
    'LISTEN 0 244 127.0.0.1:5432 0.0.0.0:* users:(("postgres",pid=77,fd=6))',
  ].join('\n');

  test('reads the pid of the listener on a port', () => {
    expect(pidFromSs(ss, 9092)).toBe(1234);
    expect(pidFromSs(ss, 5432)).toBe(77);
  });

  test('is undefined when the port is absent or the pid hidden', () => {
    expect(pidFromSs(ss, 8083)).toBeUndefined();
    expect(pidFromSs('LISTEN 0 50 127.0.0.1:8083 0.0.0.0:*', 8083)).toBeUndefined();
  });
});

describe('portInUseMessage', () => {
  test('names the pid and command', () => {
    expect(
      portInUseMessage(9092, { pid: 1234, command: 'java -cp libs/* kafka.Kafka server.properties' }),
    ).toBe('port 9092 is in use by PID 1234 (java -cp libs/* kafka.Kafka server.properties)');
  });

  test('shortens long command lines, keeping the program and the end (main class, config file)', () => {
    const command = `java ${'-XX:+SomeOption '.repeat(20)}-cp libs/* kafka.Kafka /repo/.infra/config/kafka-server.properties`;
    const message = portInUseMessage(9092, { pid: 1, command });
    expect(message.length).toBeLessThan(160);
    expect(message).toMatch(
      /^port 9092 is in use by PID 1 \(java … .*kafka\.Kafka \/repo\/\.infra\/config\/kafka-server\.properties\)$/,
    );
  });

  test('still helps when the owner is unknown', () => {
    expect(portInUseMessage(5432, undefined)).toBe('port 5432 is in use by another process');
  });
});
