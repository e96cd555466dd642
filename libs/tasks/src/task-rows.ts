import type { DataSource, EntityManager } from 'typeorm';
import { Task } from './task.entity.js';

export const findTask = (manager: EntityManager, taskId: string): Promise<Task | null> =>
  manager.findOneBy(Task, { taskId });

/** The newest task of `kind` about `subjectId` (an order has one label task; a re-enqueue would add a newer one). */
export const latestTaskFor = (
  manager: EntityManager,
  kind: string,
  subjectId: string,
): Promise<Task | null> => manager.findOne(Task, { where: { kind, subjectId }, order: { queuedAt: 'DESC' } });

/**
 * Marks the task RUNNING by `workerId` in its own, committed statement, before any work, so pollers see that it was
 * taken and by whom. Returns the attempt number this start is, or null when the task is DONE already (another worker
 * finished it meanwhile).
 */
export async function markRunning(
  dataSource: DataSource,
  taskId: string,
  workerId: string,
): Promise<number | null> {
  // TypeORM answers an UPDATE with [rows, affected].
  const [rows]: [{ attempts: number }[], number] = await dataSource.query(
    `UPDATE tasks SET state = 'RUNNING', attempts = attempts + 1, worker_id = $2, started_at = now()
     WHERE task_id = $1 AND state <> 'DONE'
     RETURNING attempts`,
    [taskId, workerId],
  );
  return rows[0]?.attempts ?? null;
}

/**
 * Marks the task DONE by `workerId` through the transaction that stores its result. Conditional: when two workers
 * race for one task (a rebalance handed its partition on while the first was still working), the second update
 * waits for the first's row lock, then finds the task DONE and changes nothing; only the winner (true) stores its
 * result, so the effect commits once.
 */
export async function markDone(tx: EntityManager, taskId: string, workerId: string): Promise<boolean> {
  const [rows]: [unknown[], number] = await tx.query(
    `UPDATE tasks SET state = 'DONE', worker_id = $2, finished_at = now()
     WHERE task_id = $1 AND state <> 'DONE'
     RETURNING task_id`,
    [taskId, workerId],
  );
  return rows.length > 0;
}

/**
 * Records a failed attempt: the error, and the state it leaves the task in: QUEUED while a retry follows, FAILED
 * (with the error as the reason) when it was the last. A DONE task is left alone.
 */
export async function recordFailure(
  dataSource: DataSource,
  taskId: string,
  error: string,
  final: boolean,
): Promise<void> {
  await dataSource.query(
    `UPDATE tasks SET last_error = $2,
       state = CASE WHEN $3::boolean THEN 'FAILED' ELSE 'QUEUED' END,
       finished_at = CASE WHEN $3::boolean THEN now() END
     WHERE task_id = $1 AND state <> 'DONE'`,
    [taskId, error.slice(0, 4_000), final],
  );
}
