import { z } from 'zod';
import { envFields, extendServiceConfigSchema } from '@edr/config';
import { Services } from '@edr/topology';

const attempts = z.coerce
  .number({ message: 'must be a whole number of attempts such as 3' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(100, 'must be at most 100');

export const orderConfigSchema = extendServiceConfigSchema(
  Services.order,
  {
    SAGA_STEP_TIMEOUT_MS: envFields.durationMs(5_000),
    SAGA_STEP_MAX_ATTEMPTS: attempts.default(3),
    SAGA_COMPENSATION_TIMEOUT_MS: envFields.durationMs(5_000),
    SAGA_COMPENSATION_MAX_BACKOFF_MS: envFields.durationMs(60_000),
    SAGA_DEADLINE_POLL_MS: envFields.durationMs(250),
  },
  (env) => ({
    saga: {
      stepTimeoutMs: env.SAGA_STEP_TIMEOUT_MS,
      maxStepAttempts: env.SAGA_STEP_MAX_ATTEMPTS,
      compensationTimeoutMs: env.SAGA_COMPENSATION_TIMEOUT_MS,
      maxCompensationBackoffMs: env.SAGA_COMPENSATION_MAX_BACKOFF_MS,
      deadlinePollMs: env.SAGA_DEADLINE_POLL_MS,
    },
  }),
);
export type OrderConfig = z.infer<typeof orderConfigSchema>;
