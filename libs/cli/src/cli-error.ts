import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A failure the user can act on: what is wrong and how to fix it. A CLI prints it without a stack trace. */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly hint: string | undefined;

  constructor(message: string, details: { hint?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.hint = details.hint;
  }
}

/** Bad command line: the CLI prints the problem, the fix and its usage text, and exits with 2. */
export class UsageError extends CliError {
  override readonly name: string = 'UsageError';
}

/** `✗ problem` plus `→ fix` for errors that carry a hint (these, tools/infra's, @edr/topic-reader's), else the stack. */
export function formatError(error: unknown): string {
  if (error instanceof Error && 'hint' in error) {
    const hint = (error as { hint?: unknown }).hint;
    return typeof hint === 'string' && hint ? `✗ ${error.message}\n  → ${hint}` : `✗ ${error.message}`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * node:util's parseArgs, strict and with positionals, whose complaints ("Unknown option '--x'", "Option '--limit
 * <value>' argument missing") become a UsageError pointing at the command's help.
 */
export function parseCommandLine<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: O,
  helpCommand: string,
): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: O }>> {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? String(error), {
      hint: `run ${helpCommand} for the options`,
    });
  }
}
