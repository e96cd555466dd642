import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AggregateType, EventEnvelope, PayloadOf } from '@edr/contracts';
import { buildMessage, writeToOutbox } from '@edr/outbox';
import type { TaskDefinition } from './task-definition.js';

export interface NewTask<D extends TaskDefinition> {
  /** The enqueuing service (`config.serviceName`): the producer the task's definition names. */
  readonly producer: string;
  readonly aggregateType: AggregateType;
  /** What the task is about (an order id): stored with the task and used as the record key. */
  readonly subjectId: string;
  /** The task's payload without `taskId`, which is added here. */
  readonly payload: Omit<PayloadOf<D>, 'taskId'>;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly traceparent?: string | null;
  /** Given by callers that must know the id in advance (tests); a new UUID otherwise. */
  readonly taskId?: string;
}

/**
 * Enqueues a task through the caller's transaction: its QUEUED row in `tasks` and its message in the outbox commit
 * with the state change that asked for it, or neither does. Debezium then publishes the message to the task topic,
 * where one of the competing workers takes it (TaskRunner). Returns the task id.
 */
export async function enqueueTask<D extends TaskDefinition>(
  tx: EntityManager,
  definition: D,
  task: NewTask<D>,
): Promise<string> {
  const taskId = task.taskId ?? randomUUID();
  await tx.query(`INSERT INTO tasks (task_id, kind, subject_id) VALUES ($1, $2, $3)`, [
    taskId,
    definition.type,
    task.subjectId,
  ]);
  const message = buildMessage(definition, {
    aggregateType: task.aggregateType,
    aggregateId: task.subjectId,
    // The payload without taskId plus taskId is the definition's payload; TypeScript cannot see that for a generic D.
    payload: { ...task.payload, taskId } as PayloadOf<D>,
    correlationId: task.correlationId,
    causationId: task.causationId,
  });
  await writeToOutbox(tx, [message as EventEnvelope], {
    producer: task.producer,
    traceparent: task.traceparent ?? null,
  });
  return taskId;
}
