/**
 * `tsx tools/infra/src/with-infra.ts -- <command...>`: brings up what is not running, runs the command with the
 * terminal's stdio, then stops only what it started. Exits with the command's exit code. Signals are handled as
 * shutdown.ts describes: on the first one the command is left to end (Ctrl-C reaches it through the terminal's
 * process group; SIGTERM and SIGHUP are passed on), then what this started stops.
 */
import { spawn } from 'node:child_process';
import { formatError } from './errors.js';
import { infraDown } from './infra-down.js';
import { infraUp } from './infra-up.js';
import { runUntilStopped, StopRequested } from './shutdown.js';

const argv = process.argv.slice(2);
const separator = argv.indexOf('--');
const command = separator >= 0 ? argv.slice(separator + 1) : argv;
if (command.length === 0) {
  console.error('usage: tsx tools/infra/src/with-infra.ts -- <command> [args...]');
  process.exit(2);
}

runUntilStopped(
  { what: 'with-infra', reportError: (error) => console.error(formatError(error)) },
  async (shutdown) => {
    await shutdown.start(
      () => infraUp({ rollbackOnFailure: true }),
      async ({ started }) => {
        if (started.length > 0) await infraDown({ only: started });
      },
      'last',
    );
    // Stopping the command means waiting for its end: its tests use the infrastructure until then.
    const child = await shutdown.start(
      () => run(command, shutdown.signal),
      (running) => running.exited,
    );
    return child.exited;
  },
);

/** Spawns the command; resolves once it runs, with a promise of its exit code. */
function run(command: readonly string[], stop: AbortSignal): Promise<{ exited: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0] as string, command.slice(1), { stdio: 'inherit' });
    const exited = new Promise<number>((resolveExit) =>
      child.once('close', (code, signal) => resolveExit(code ?? (signal ? 128 + signalNumber(signal) : 1))),
    );
    stop.addEventListener('abort', () => {
      const signal = stop.reason instanceof StopRequested ? stop.reason.signalName : undefined;
      if (signal && signal !== 'SIGINT') child.kill(signal);
    });
    child.once('error', reject);
    child.once('spawn', () => resolve({ exited }));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1;
}
