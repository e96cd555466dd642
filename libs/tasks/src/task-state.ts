/**
 * A task's life: QUEUED when enqueued (and again while it waits for a retry after a failed attempt), RUNNING while a
 * worker works on it (committed before the work, so pollers see who took it), DONE once its result is stored, FAILED
 * when it gave up after the retry limit (its record is then on `<topic>.dlq`).
 */
export const TaskStates = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type TaskState = (typeof TaskStates)[number];
