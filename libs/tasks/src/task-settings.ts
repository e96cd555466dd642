import { hostname } from 'node:os';
import { z } from 'zod';

/** Environment variables of a service that runs task workers; spread into its config schema. */
export const taskWorkerEnvFields = {
  WORKER_ID: z
    .string()
    .regex(
      /^[A-Za-z0-9._:-]{1,100}$/,
      'must be 1 to 100 letters, digits, ".", "_", ":" or "-", e.g. label-worker-1',
    )
    .optional(),
};

export type TaskWorkerEnv = z.output<z.ZodObject<typeof taskWorkerEnvFields>>;

export interface TaskWorkerSettings {
  /** Names this process in `tasks.worker_id` and on /health; unique per running instance. */
  readonly workerId: string;
}

/** WORKER_ID, or `<host>-<pid>` when unset: unique per process on one host, and per container across hosts. */
export const taskWorkerSettingsFromEnv = (
  env: TaskWorkerEnv,
  host: string = hostname(),
  pid: number = process.pid,
): TaskWorkerSettings => ({ workerId: env.WORKER_ID ?? `${host}-${pid}` });
