import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import type { PayloadOf } from '@edr/contracts';
import { processOnce } from '@edr/inbox';
import {
  HandlerMap,
  type RawRecord,
  type ReadyMessage,
  type RecordBatch,
  type RetryPolicy,
  UnprocessableMessageError,
  describeError,
  inboxRecordOf,
  prepareMessage,
  sendToDeadLetter,
  withRetries,
} from '@edr/messaging';
import { TaskCounters } from './task-counters.js';
import type { TaskDefinition } from './task-definition.js';
import { findTask, markDone, markRunning, recordFailure } from './task-rows.js';
import type { TaskWorkerSettings } from './task-settings.js';
import { BEFORE_TASK, type BeforeTaskHook, type TaskContext, type TaskWorker } from './task-worker.js';

/** What the runner needs from its service's config (a structural match for the service's parsed config). */
export interface TaskRunnerSettings {
  readonly consumer: { readonly retry: RetryPolicy };
  readonly tasks: TaskWorkerSettings;
}

type AttemptOutcome = 'processed' | 'duplicate';

/**
 * The worker side of @edr/tasks: the body of a task topic's `@EventPattern` handler is
 * `await this.tasks.run(batch, this.worker)`. Tasks are taken one at a time, one transaction each (a task's work is
 * slow and its own; batching would make one task's failure every task's). Per task:
 * a task already DONE is skipped without doing the work; otherwise it is marked RUNNING (committed, with the worker
 * id), the work runs outside any transaction, and its result and DONE commit in one transaction with the message's
 * inbox row, conditionally, so two workers racing after a rebalance store it once. A failed attempt is recorded
 * (attempts, last error) and retried with the kit's backoff (withRetries); after the limit the task is FAILED with
 * that reason and its record goes to `<topic>.dlq`. The offset is resolved after each task.
 */
@Injectable()
export class TaskRunner {
  private readonly logger = new Logger('Tasks');
  private readonly handlerMaps = new WeakMap<TaskDefinition, HandlerMap>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly settings: TaskRunnerSettings,
    private readonly counters: TaskCounters,
    @Optional() @Inject(BEFORE_TASK) private readonly beforeTask?: BeforeTaskHook,
  ) {}

  get workerId(): string {
    return this.settings.tasks.workerId;
  }

  async run<D extends TaskDefinition, R>(batch: RecordBatch, worker: TaskWorker<D, R>): Promise<void> {
    for (const record of batch.records) {
      if (!batch.isRunning() || batch.isStale()) break;
      await this.runOne(record, batch, worker);
      batch.resolveOffset(record.offset);
      await batch.heartbeat();
    }
  }

  private async runOne<D extends TaskDefinition, R>(
    record: RawRecord,
    batch: RecordBatch,
    worker: TaskWorker<D, R>,
  ): Promise<void> {
    const kind = worker.definition.type;
    const prepared = prepareMessage(record, this.handlersFor(worker.definition), batch.groupId);
    if (!prepared.ok) {
      await sendToDeadLetter(batch.producer, record, prepared.error, batch.groupId, 1);
      this.counters.count(kind, 'deadLettered');
      return;
    }
    // Validated by prepareMessage against this schema already; parsed again only to type it.
    const payload = worker.definition.payload.parse(prepared.event.envelope.payload) as PayloadOf<D>;
    const retry = this.settings.consumer.retry;
    let run = 0;
    const outcome = await withRetries(
      record,
      prepared.event,
      { producer: batch.producer, consumerGroup: batch.groupId, retry },
      async () => {
        run += 1;
        try {
          return await this.attempt(prepared, payload, worker);
        } catch (error) {
          const final = error instanceof UnprocessableMessageError || run >= retry.maxAttempts;
          this.counters.count(kind, 'failedAttempts');
          await recordFailure(this.dataSource, payload.taskId, describeError(error), final);
          throw error;
        }
      },
    );
    if (outcome === 'dead-lettered') this.counters.count(kind, 'deadLettered');
  }

  private async attempt<D extends TaskDefinition, R>(
    message: ReadyMessage,
    payload: PayloadOf<D>,
    worker: TaskWorker<D, R>,
  ): Promise<AttemptOutcome> {
    const { taskId } = payload;
    const kind = worker.definition.type;
    const task = await findTask(this.dataSource.manager, taskId);
    if (task === null) {
      // Retried, not dead-lettered at once: Postgres can hand a commit to logical decoding a moment before it is
      // visible to other snapshots, so under load a task's record can reach its worker before the worker's own
      // database shows the row. A task that was never enqueued here still ends on the dead-letter topic, after the
      // retries.
      throw new Error(
        `task ${taskId} (${kind}) has no row in tasks: not visible yet, or not enqueued with enqueueTask in this database`,
      );
    }
    const attempt = task.state === 'DONE' ? null : await markRunning(this.dataSource, taskId, this.workerId);
    if (attempt === null) {
      this.counters.count(kind, 'skipped');
      this.logger.log(`${kind} ${taskId}: already DONE (by ${task.workerId}); skipped`);
      return 'duplicate';
    }
    const context: TaskContext = { taskId, kind, attempt, workerId: this.workerId, message: message.event };
    await this.beforeTask?.(context);
    const result = await worker.perform(payload, context);
    this.counters.count(kind, 'performed');
    let won = false;
    const outcome = await processOnce(this.dataSource, inboxRecordOf(message), async (tx) => {
      won = await markDone(tx, taskId, this.workerId);
      if (won) await worker.complete(tx, payload, result, context);
    });
    if (won) {
      this.counters.count(kind, 'done');
    } else {
      this.counters.count(kind, 'lost');
      this.logger.warn(`${kind} ${taskId}: another worker stored its result first; this result is dropped`);
    }
    return outcome;
  }

  /** Routes only the worker's task type; anything else on the topic is dead-lettered as unprocessable. */
  private handlersFor(definition: TaskDefinition): HandlerMap {
    let handlers = this.handlerMaps.get(definition);
    if (!handlers) {
      // The map only validates and routes: the runner does the work itself, outside the inbox transaction.
      handlers = HandlerMap.create().ignore(definition);
      this.handlerMaps.set(definition, handlers);
    }
    return handlers;
  }
}
