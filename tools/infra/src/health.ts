import { setTimeout as sleep } from 'node:timers/promises';
import { InfraError } from './errors.js';
import { logTail } from './log-tail.js';
import { isAlive } from './processes.js';

export interface WaitOptions {
  /** What we wait for, as the end of "timed out waiting for …". */
  readonly what: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Stop early when the process we wait on has died: no point waiting 60 s for a JVM that exited at once. */
  readonly pid?: number;
  readonly logFile?: string;
  readonly hint?: string;
}

/** Thrown by a probe to end the wait at once with `error` (e.g. a connector reported FAILED). */
export class GiveUp extends Error {
  constructor(readonly error: Error) {
    super(error.message);
  }
}

/**
 * Polls `probe` until it returns a value (not undefined) or throws no more. A probe error is remembered and shown
 * if the wait times out, so "connection refused" vs "authentication failed" stays visible.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof GiveUp) throw error.error;
      lastError = error;
    }
    if (options.pid !== undefined && !isAlive(options.pid)) {
      throw await failure(`${options.what}: the process (pid ${options.pid}) exited`, lastError, options);
    }
    if (Date.now() >= deadline) {
      throw await failure(
        `timed out after ${options.timeoutMs / 1000}s waiting for ${options.what}`,
        lastError,
        options,
      );
    }
    await sleep(options.intervalMs ?? 250);
  }
}

async function failure(message: string, lastError: unknown, options: WaitOptions): Promise<InfraError> {
  const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  return new InfraError(message + reason, {
    hint: options.hint,
    logTail: options.logFile ? await logTail(options.logFile) : undefined,
    cause: lastError,
  });
}
