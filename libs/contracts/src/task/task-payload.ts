import { z } from 'zod';

/**
 * Every task message carries the id of its row in the producer's `tasks` table (@edr/tasks): the worker reads and
 * updates the task's state by it, whichever message delivered it.
 */
export const taskIdSchema = z.uuid();

/** The part of a task message's payload @edr/tasks relies on. */
export interface TaskPayload {
  readonly taskId: string;
}
