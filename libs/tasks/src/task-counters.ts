/** What this process did with tasks since it started, per kind; reported on /health. */
export interface TaskCounts {
  /** Tasks this process marked DONE (their result stored by it). */
  done: number;
  /** Attempts whose work ran here, including work another worker then finished first. */
  performed: number;
  /** Deliveries of a task already DONE: skipped without doing the work again. */
  skipped: number;
  /** Work done here that lost the race to store its result (another worker's DONE came first). */
  lost: number;
  /** Attempts that failed here (retried, or given up). */
  failedAttempts: number;
  /** Tasks this process gave up on (FAILED, record on `<topic>.dlq`), or whose record was unreadable. */
  deadLettered: number;
}

const zero = (): TaskCounts => ({
  done: 0,
  performed: 0,
  skipped: 0,
  lost: 0,
  failedAttempts: 0,
  deadLettered: 0,
});

export class TaskCounters {
  private readonly byKind = new Map<string, TaskCounts>();

  count(kind: string, what: keyof TaskCounts): void {
    const counts = this.byKind.get(kind) ?? zero();
    counts[what] += 1;
    this.byKind.set(kind, counts);
  }

  snapshot(): Record<string, TaskCounts> {
    return Object.fromEntries([...this.byKind].map(([kind, counts]) => [kind, { ...counts }]));
  }
}
