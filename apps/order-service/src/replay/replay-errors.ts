/** A failure the user can act on: what is wrong and how to fix it. The CLI prints it without a stack trace. */
export class ReplayError extends Error {
  override readonly name: string = 'ReplayError';
  readonly hint: string | undefined;

  constructor(message: string, details: { hint?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.hint = details.hint;
  }
}

/** Bad command line: the CLI prints the problem, the fix and the usage text, and exits with 2. */
export class UsageError extends ReplayError {
  override readonly name: string = 'UsageError';
}

/** `✗ problem` plus `→ fix` for errors that carry a hint (ours and @edr/topic-reader's), the stack for others. */
export function formatError(error: unknown): string {
  if (error instanceof Error && 'hint' in error) {
    const hint = (error as { hint?: unknown }).hint;
    return typeof hint === 'string' && hint ? `✗ ${error.message}\n  → ${hint}` : `✗ ${error.message}`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
