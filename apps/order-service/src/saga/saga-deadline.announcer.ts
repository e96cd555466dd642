import { Injectable } from '@nestjs/common';

export type DeadlineListener = (deadline: Date) => void;

/**
 * In-process word from the runner to the deadline watcher: "a saga now has this deadline". The watcher sleeps until
 * the earliest deadline it knows of; a saga started or advanced here may need it to wake earlier. A hint only: the
 * deadline itself is in order_sagas, and the watcher's backstop finds deadlines announced in another process.
 */
@Injectable()
export class SagaDeadlineAnnouncer {
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
