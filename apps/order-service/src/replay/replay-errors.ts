import { CliError } from '@edr/cli';

export { UsageError, formatError } from '@edr/cli';

/** A failure of the replay the user can act on: what is wrong and how to fix it. */
export class ReplayError extends CliError {
  override readonly name: string = 'ReplayError';
}
