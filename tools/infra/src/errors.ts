/**
 * A failure the developer can act on: what is wrong, how to fix it, and the end of the component's log, printed
 * without a stack trace by the CLI because the stack of our tool says nothing about a broker that did not start.
 */
export class InfraError extends Error {
  override readonly name = 'InfraError';
  readonly hint: string | undefined;
  readonly logTail: string | undefined;

  constructor(message: string, details: { hint?: string; logTail?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.hint = details.hint;
    this.logTail = details.logTail;
  }
}

export function formatError(error: unknown): string {
  if (!(error instanceof InfraError))
    return error instanceof Error ? (error.stack ?? error.message) : String(error);
  const parts = [`✗ ${error.message}`];
  if (error.hint) parts.push(`  → ${error.hint}`);
  if (error.logTail) parts.push(error.logTail.replace(/^/gm, '  │ '));
  return parts.join('\n');
}
