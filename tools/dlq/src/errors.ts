import { CliError } from '@edr/cli';

export { UsageError, formatError } from '@edr/cli';

/** A failure of the dead-letter tool the user can act on: what is wrong and how to fix it. */
export class DlqError extends CliError {
  override readonly name: string = 'DlqError';
}
