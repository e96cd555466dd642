/**
 * Ctrl-C, Ctrl-C: the tools that start processes stop all of them whatever signals arrive during the stop
 * (tools/infra/src/shutdown.ts). Each runs against infrastructure of its own (other ports, other state dir), so it
 * has to start, and stop, Postgres, Kafka and Connect itself.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { Services } from '@edr/topology';
import { interruptTwice, ownInfra, ownInfraEnv, stopOwnInfra } from './interrupt.js';

const infraPorts = [ownInfra.postgres, ownInfra.kafka, ownInfra.kafkaController, ownInfra.connect];

describe('Ctrl-C twice', () => {
  beforeEach(() => stopOwnInfra());

  it('the demo stops the services and the infrastructure it started', async () => {
    const result = await interruptTwice({
      command: 'npm',
      args: ['run', 'demo'],
      env: ownInfraEnv(),
      // Mid-run: services up, the first order on its way.
      readyWhen: /▸ 1\. HTTP/,
      readyTimeoutMs: 240_000,
      ports: [...infraPorts, 3001, 3002, 3003, 3004, 3006],
      exitTimeoutMs: 120_000,
    });
    expect({ listening: result.listening, alive: result.alive }).toEqual({ listening: [], alive: [] });
    expect(result.output).toMatch(/SIGINT: stopping what the demo started/);
    expect(result.output).toMatch(/✓ postgres stopped/);
  }, 420_000);

  it('the bench stops the services and the infrastructure it started', async () => {
    const result = await interruptTwice({
      command: 'npm',
      args: ['run', 'bench', '--', '--quick'],
      env: ownInfraEnv(),
      // Mid-run: services up, the commit-ceiling baseline writing into its scratch schema.
      readyWhen: /▸ baseline: PostgreSQL commit ceiling/,
      readyTimeoutMs: 240_000,
      ports: [...infraPorts, ...Object.values(Services).map((s) => s.benchPort)],
      exitTimeoutMs: 120_000,
    });
    expect({ listening: result.listening, alive: result.alive }).toEqual({ listening: [], alive: [] });
    expect(result.output).toMatch(/SIGINT: stopping what the bench started/);
  }, 420_000);

  it('the test wrapper waits for its command, then stops the infrastructure it started', async () => {
    const result = await interruptTwice({
      command: 'node',
      args: [
        '--conditions=development',
        '--import',
        'tsx',
        'tools/infra/src/with-infra.ts',
        '--',
        'sh',
        '-c',
        'echo command running; sleep 600',
      ],
      env: ownInfraEnv(),
      readyWhen: /command running/,
      readyTimeoutMs: 240_000,
      ports: infraPorts,
      exitTimeoutMs: 120_000,
    });
    expect({ listening: result.listening, alive: result.alive }).toEqual({ listening: [], alive: [] });
    expect(result.output).toMatch(/✓ postgres stopped/);
    expect(result.code).not.toBe(0);
  }, 420_000);
});
