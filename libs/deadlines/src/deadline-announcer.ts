export type DeadlineListener = (deadline: Date) => void;

/**
 * In-process word from whoever writes a deadline to the watcher of that table: "something now has this deadline".
 * The watcher sleeps until the earliest deadline it knows of; one written here may need it to wake earlier. A hint
 * only: the deadline itself is in the database, and the watcher's backstop finds deadlines written by another process.
 */
export class DeadlineAnnouncer {
  private readonly listeners = new Set<DeadlineListener>();

  announce(deadline: Date): void {
    for (const listener of this.listeners) listener(deadline);
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: DeadlineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
