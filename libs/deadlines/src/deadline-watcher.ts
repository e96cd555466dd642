import { Logger } from '@nestjs/common';
import type { DeadlineAnnouncer } from './deadline-announcer.js';
import { nextLookDelay } from './next-look.js';

export interface LookResult {
  /** Items found due. */
  readonly due: number;
  /** Of those, the ones whose handling failed (still due, retried on a later look). */
  readonly failed: number;
}

/** The table a watcher watches: what is due now, and the earliest deadline left. */
export interface DeadlineSource {
  /** Handles at most `limit` items due at `now`, each on its own (one failing does not hold up the others). */
  handleDue(now: Date, limit: number): Promise<LookResult>;
  nextDeadline(): Promise<Date | null>;
}

export interface DeadlineWatcherOptions {
  /** Names the watcher in its log lines. */
  readonly name: string;
  readonly source: DeadlineSource;
  /** Items handled per look; a full batch means the next look follows at once. */
  readonly batch: number;
  /** The longest sleep: bounds how late a deadline written by another (dead) instance is noticed. */
  readonly backstopMs: number;
  /** Where writers in this process announce new deadlines; listened to from `start` to `stop`. */
  readonly announcer?: DeadlineAnnouncer;
}

/**
 * Handles passed deadlines kept in a database table. Between looks it sleeps until the earliest pending deadline
 * (read from the table after each look, or announced in this process since through `expect`), at most the backstop:
 * an idle service wakes once per backstop, not several times a second.
 *
 * Deadlines live in the database, not in timers, so they survive restarts: the first look runs at `start`. Several
 * instances may run: each wakes for the earliest deadline in the shared table, and a deadline written by another
 * instance after this one's last look is covered by that instance's own announcement, or by the backstop if it died.
 * Several instances may see the same deadline, so handling one must re-check it under a row lock.
 */
export class DeadlineWatcher {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private wakeAt: number | null = null;
  /** The earliest announced deadline that no look has reached yet (epoch ms). */
  private announced: number | null = null;
  private looking: Promise<void> | null = null;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: DeadlineWatcherOptions) {
    this.logger = new Logger(options.name);
  }

  /** Looks at once (deadlines that passed while no instance ran), then sleeps as described above. */
  start(): void {
    this.stopped = false;
    this.unsubscribe = this.options.announcer?.subscribe((deadline) => this.expect(deadline)) ?? null;
    this.arm(0);
  }

  /** Resolves when the running look, if any, has finished; no look follows. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stopped = true;
    this.disarm();
    await this.looking;
  }

  /** When the next look is planned (null while a look runs or after stop). */
  get nextLookAt(): Date | null {
    return this.wakeAt === null ? null : new Date(this.wakeAt);
  }

  /** Resolves when no look is running. */
  async idle(): Promise<void> {
    while (this.looking) await this.looking;
  }

  /** Something in this process now has `deadline`: wake for it if that is earlier than planned. */
  expect(deadline: Date): void {
    if (this.stopped) return;
    const at = deadline.getTime();
    this.announced = this.announced === null ? at : Math.min(this.announced, at);
    // While a look runs there is no timer; the look plans the next one with `announced` in mind.
    if (this.timer && this.wakeAt !== null && at < this.wakeAt) this.arm(at - Date.now());
  }

  /** Handles everything due now (one batch); resolves when it has been handled. */
  checkOnce(): Promise<LookResult> {
    return this.options.source.handleDue(new Date(), this.options.batch);
  }

  private arm(delayMs: number): void {
    this.disarm();
    const delay = Math.max(0, delayMs);
    this.wakeAt = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wakeAt = null;
      this.looking = this.look().finally(() => (this.looking = null));
    }, delay);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wakeAt = null;
  }

  private async look(): Promise<void> {
    const startedAt = Date.now();
    let result: LookResult = { due: 0, failed: 0 };
    let failed = false;
    let nextDeadline: Date | null = null;
    try {
      result = await this.checkOnce();
      failed = result.failed > 0;
      if (!failed && result.due < this.options.batch) nextDeadline = await this.options.source.nextDeadline();
    } catch (error) {
      failed = true;
      this.logger.error(`deadline check failed: ${String(error)}`);
    }
    // This look saw every deadline up to its start that had committed by then.
    if (this.announced !== null && this.announced <= startedAt) this.announced = null;
    if (this.stopped) return;
    this.arm(
      nextLookDelay({
        now: Date.now(),
        nextDeadline: nextDeadline?.getTime() ?? null,
        announced: this.announced,
        batchFull: result.due >= this.options.batch,
        failed,
        backstopMs: this.options.backstopMs,
      }),
    );
  }
}

/**
 * Runs `handle` for each due item, all at once, and counts the failures; a failure is logged with the item's name and
 * does not hold up the others.
 */
export async function handleEach<T>(
  items: readonly T[],
  handle: (item: T) => Promise<unknown>,
  describe: (item: T) => string,
  logger: Pick<Logger, 'error'>,
): Promise<LookResult> {
  const results = await Promise.allSettled(items.map((item) => handle(item)));
  let failed = 0;
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      failed += 1;
      logger.error(`deadline of ${describe(items[index] as T)} failed: ${String(result.reason)}`);
    }
  });
  return { due: items.length, failed };
}
