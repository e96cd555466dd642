/** How often a failing handler is retried before its record goes to the dead-letter topic. */
export interface RetryPolicy {
  /** Runs of the handler in total, including the first. 1 = no retry. */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 200, maxBackoffMs: 5_000 };

/**
 * Exponential backoff with ±20 % jitter, so consumers that failed together (the database went away) do not all
 * come back in the same millisecond. `attempt` is the run that just failed (1-based).
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Thrown by a handler for a record that can never succeed however often it is retried (it contradicts the
 * contract in a way the schema cannot express). The record goes to the DLQ at once.
 */
export class UnprocessableMessageError extends Error {
  override readonly name = 'UnprocessableMessageError';
}
