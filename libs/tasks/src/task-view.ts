import type { Task } from './task.entity.js';

/** A task as an HTTP answer shows it: its state and the facts a caller can act on. */
export interface TaskView {
  readonly taskId: string;
  readonly kind: string;
  readonly state: Task['state'];
  readonly attempts: number;
  readonly lastError: string | null;
  readonly workerId: string | null;
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export const taskView = (task: Task): TaskView => ({
  taskId: task.taskId,
  kind: task.kind,
  state: task.state,
  attempts: task.attempts,
  lastError: task.lastError,
  workerId: task.workerId,
  queuedAt: task.queuedAt.toISOString(),
  startedAt: task.startedAt?.toISOString() ?? null,
  finishedAt: task.finishedAt?.toISOString() ?? null,
});
