/**
 * When the deadline watcher looks next, as a pure function of what the last look found. The watcher sleeps until the
 * earliest deadline it knows of (from its table after its look, or announced in-process since), but never longer
 * than the backstop, which bounds how late it notices a deadline written by another instance that then died.
 */
export interface LookOutcome {
  /** Now, in epoch ms. */
  readonly now: number;
  /** The earliest pending deadline in the table after the look (epoch ms), null when none or unknown. */
  readonly nextDeadline: number | null;
  /** The earliest deadline announced in this process that no look has reached yet (epoch ms). */
  readonly announced: number | null;
  /** The look took a full batch: more may be due right now. */
  readonly batchFull: boolean;
  /** The look, or handling a deadline in it, failed: what failed is still due. */
  readonly failed: boolean;
  readonly backstopMs: number;
}

/**
 * The shortest sleep. A timer can fire a millisecond before the wall clock reaches its deadline; the look then finds
 * nothing due and the watcher comes back this much later instead of spinning. Also the lateness a deadline can have.
 */
export const MIN_SLEEP_MS = 10;

/** While something fails (the database is away, handling a deadline throws), look again at this pace. */
export const RETRY_AFTER_FAILURE_MS = 250;

export function nextLookDelay(outcome: LookOutcome): number {
  const { now, nextDeadline, announced, batchFull, failed, backstopMs } = outcome;
  // What failed is still due (or, when the look itself failed, unknown): try again soon, but not in a spin.
  if (failed) return Math.min(backstopMs, RETRY_AFTER_FAILURE_MS);
  // A full batch: more may be due right now.
  if (batchFull) return 0;
  const known = [nextDeadline, announced].filter((at): at is number => at !== null);
  const earliest = Math.min(now + backstopMs, ...known);
  return Math.min(backstopMs, Math.max(MIN_SLEEP_MS, earliest - now));
}
