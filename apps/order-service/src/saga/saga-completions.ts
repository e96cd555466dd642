import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

export class SagaCompletionTimeoutError extends Error {
  override readonly name = 'SagaCompletionTimeoutError';
}

interface Waiter {
  resolve(outcome: SagaOutcome): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

export type SagaOutcome = 'processed' | 'duplicate';

/**
 * Lets the Kafka consumer (and the deadline watcher) wait for the command a @Saga() stream derived from the event
 * they published. @nestjs/cqrs runs saga commands fire-and-forget; without this the consumer would commit the
 * record's offset before the saga had stored its effect, and a crash in between would lose the reply.
 */
@Injectable()
export class SagaCompletions {
  private readonly waiters = new Map<string, Waiter>();

  /** A fresh tracking id and the promise that settles when the command carrying it has finished. */
  expect(timeoutMs: number): { trackingId: string; done: Promise<SagaOutcome> } {
    const trackingId = randomUUID();
    const done = new Promise<SagaOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(trackingId);
        reject(new SagaCompletionTimeoutError(`saga command did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(trackingId, { resolve, reject, timer });
    });
    return { trackingId, done };
  }

  /**
   * Runs the command's work and settles its waiter. When somebody waits, the error goes to them (they retry);
   * otherwise it is rethrown so @nestjs/cqrs logs it.
   */
  async settle(trackingId: string | null, work: () => Promise<SagaOutcome>): Promise<SagaOutcome> {
    const waiter = trackingId ? this.take(trackingId) : undefined;
    try {
      const outcome = await work();
      waiter?.resolve(outcome);
      return outcome;
    } catch (error) {
      if (!waiter) throw error;
      waiter.reject(error);
      return 'processed';
    }
  }

  /** For a saga stream that could not even map its event to a command. */
  fail(trackingId: string | null, error: unknown): void {
    if (trackingId) this.take(trackingId)?.reject(error);
  }

  private take(trackingId: string): Waiter | undefined {
    const waiter = this.waiters.get(trackingId);
    if (!waiter) return undefined;
    this.waiters.delete(trackingId);
    clearTimeout(waiter.timer);
    return waiter;
  }
}
