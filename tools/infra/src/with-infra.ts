/**
 * `tsx tools/infra/src/with-infra.ts -- <command...>`: brings up what is not running, runs the command with the
 * terminal's stdio, then stops only what it started. Exits with the command's exit code.
 */
import { spawn } from 'node:child_process';
import { formatError } from './errors.js';
import { infraDown } from './infra-down.js';
import { infraUp } from './infra-up.js';

async function main(argv: readonly string[]): Promise<number> {
  const separator = argv.indexOf('--');
  const command = separator >= 0 ? argv.slice(separator + 1) : argv;
  if (command.length === 0) {
    console.error('usage: tsx tools/infra/src/with-infra.ts -- <command> [args...]');
    return 2;
  }
  const { started } = await infraUp({ rollbackOnFailure: true });
  try {
    return await run(command);
  } finally {
    if (started.length > 0) await infraDown({ only: started });
  }
}

function run(command: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0] as string, command.slice(1), { stdio: 'inherit' });
    // Ctrl-C reaches the child through the terminal's process group; we only wait for it and clean up afterwards.
    const forward = (signal: NodeJS.Signals) => () => {
      if (signal !== 'SIGINT') child.kill(signal);
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(formatError(error));
    process.exit(1);
  },
);
