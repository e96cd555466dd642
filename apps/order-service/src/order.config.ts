import type { z } from 'zod';
import { envFields, extendServiceConfigSchema } from '@edr/config';
import { taskWorkerEnvFields, taskWorkerSettingsFromEnv } from '@edr/tasks';
import { Services } from '@edr/topology';

const { wholeNumber } = envFields;

const attempts = wholeNumber('attempts', 3, 1, 100);

/** A duration with an upper bound: Node's timers cannot wait longer than about 24.8 days, and nothing here should. */
const boundedMs = (fallback: number, min: number, max: number) =>
  wholeNumber('milliseconds', fallback, min, max).default(fallback);

export const orderConfigSchema = extendServiceConfigSchema(
  Services.order,
  {
    SAGA_STEP_TIMEOUT_MS: envFields.durationMs(5_000),
    SAGA_STEP_MAX_ATTEMPTS: attempts.default(3),
    SAGA_COMPENSATION_TIMEOUT_MS: envFields.durationMs(5_000),
    SAGA_COMPENSATION_MAX_BACKOFF_MS: envFields.durationMs(60_000),
    // The longest the deadline watcher sleeps without a deadline in sight (docs/saga.md, "Deadlines").
    SAGA_DEADLINE_BACKSTOP_MS: boundedMs(5_000, 100, 600_000),
    // Admission control at POST /orders (docs/saga.md, "Overload"). 60 = 2 s of work at the measured ceiling of
    // about 30 sagas/s on two cores (docs/performance.md).
    ORDER_ADMISSION_MAX_IN_FLIGHT: wholeNumber('sagas', 60, 1, 1_000_000).default(60),
    ORDER_ADMISSION_RETRY_AFTER_S: wholeNumber('seconds', 1, 1, 3_600).default(1),
    ORDER_ADMISSION_REFRESH_MS: boundedMs(100, 1, 60_000),
    // Names this instance in the confirmation tasks it runs (order-confirmation-worker).
    ...taskWorkerEnvFields,
  },
  (env) => ({
    tasks: taskWorkerSettingsFromEnv(env),
    saga: {
      stepTimeoutMs: env.SAGA_STEP_TIMEOUT_MS,
      maxStepAttempts: env.SAGA_STEP_MAX_ATTEMPTS,
      compensationTimeoutMs: env.SAGA_COMPENSATION_TIMEOUT_MS,
      maxCompensationBackoffMs: env.SAGA_COMPENSATION_MAX_BACKOFF_MS,
      deadlineBackstopMs: env.SAGA_DEADLINE_BACKSTOP_MS,
    },
    admission: {
      /** Sagas in flight (accepted, not finished) at which POST /orders starts answering 503. */
      maxInFlight: env.ORDER_ADMISSION_MAX_IN_FLIGHT,
      /** The `Retry-After` of a refusal. */
      retryAfterS: env.ORDER_ADMISSION_RETRY_AFTER_S,
      /** How old the backlog reading may get before a request counts again. */
      refreshMs: env.ORDER_ADMISSION_REFRESH_MS,
    },
  }),
);
export type OrderConfig = z.infer<typeof orderConfigSchema>;
