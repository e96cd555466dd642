import { formatError } from './errors.js';
import { infraDown } from './infra-down.js';
import { infraStatus } from './infra-status.js';
import { infraUp } from './infra-up.js';
import { seconds } from './progress.js';
import { runUntilStopped, type Shutdown } from './shutdown.js';
import { formatBytes, formatTable } from './status-table.js';

const USAGE = 'usage: tsx tools/infra/src/cli.ts up | down | status';

async function main(command: string | undefined, shutdown: Shutdown): Promise<number> {
  switch (command) {
    case 'up': {
      const begun = performance.now();
      // A start under way when a signal arrives finishes; then what this `up` started stops again.
      const { started } = await shutdown.start(
        () => infraUp(),
        async (result) => {
          if (shutdown.signal.aborted && result.started.length > 0) await infraDown({ only: result.started });
        },
        'last',
      );
      console.log(
        `infrastructure up in ${seconds(performance.now() - begun)}${started.length ? ` (started: ${started.join(', ')})` : ''}`,
      );
      return 0;
    }
    case 'down':
      // Registered as a start, so that a signal waits for it instead of ending it half-way.
      await shutdown.start(
        () => infraDown(),
        async () => undefined,
      );
      return 0;
    case 'status':
      return printStatus();
    default:
      console.error(USAGE);
      return 2;
  }
}

async function printStatus(): Promise<number> {
  const { components, connectors } = await infraStatus();
  const rows = components.map((c) => [
    c.component,
    c.state,
    c.healthy ? 'yes' : 'no',
    c.pid === undefined ? '-' : String(c.pid),
    c.endpoint,
    formatBytes(c.memoryBytes),
  ]);
  console.log(formatTable(['component', 'state', 'healthy', 'pid', 'endpoint', 'memory'], rows));
  if (connectors.length > 0) {
    console.log();
    console.log(
      formatTable(
        ['connector', 'state', 'tasks'],
        connectors.map((c) => [c.name, c.connector, c.tasks.join(',') || '-']),
      ),
    );
  }
  return components.every((c) => c.healthy) ? 0 : 1;
}

runUntilStopped(
  {
    what: `infra:${process.argv[2] ?? ''}`,
    quiet: true,
    reportError: (error) => console.error(formatError(error)),
  },
  (shutdown) => main(process.argv[2], shutdown),
);
