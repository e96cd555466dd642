import type { EntityManager } from 'typeorm';
import type { PayloadOf } from '@edr/contracts';
import type { MessageOrigin } from '@edr/messaging';
import type { TaskDefinition } from './task-definition.js';

/** Which task a worker is on, and which attempt of it this is (counted over every worker and redelivery). */
export interface TaskContext {
  readonly taskId: string;
  readonly kind: string;
  readonly attempt: number;
  readonly workerId: string;
  /**
   * The task message being worked: what an event the worker writes because of the task needs from it (the
   * correlation id of the work that enqueued it, its id as the causation, its trace context), e.g. through
   * `replyTo` / `replier` of @edr/messaging.
   */
  readonly message: MessageOrigin;
}

/**
 * What a service's worker does for one kind of task, in two halves: `perform` does the work outside any
 * transaction (it may be slow, and a crash in it leaves nothing half-written), `complete` stores the result through
 * the transaction that marks the task DONE, and runs at most once per task however often `perform` ran.
 */
export interface TaskWorker<D extends TaskDefinition, R> {
  readonly definition: D;
  perform(payload: PayloadOf<D>, task: TaskContext): Promise<R>;
  complete(tx: EntityManager, payload: PayloadOf<D>, result: R, task: TaskContext): Promise<void>;
}

/**
 * Runs after a task is marked RUNNING and before its work: what it throws counts as a failed attempt. Fault injection
 * provides it (fail the first N attempts, or every one); a service has at most one.
 */
export type BeforeTaskHook = (task: TaskContext) => Promise<void>;

/** Optional injection token of the service's {@link BeforeTaskHook}, read by TaskRunner. */
export const BEFORE_TASK = Symbol.for('edr.before-task');
