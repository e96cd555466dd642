import { z } from 'zod';

const PROBABILITY = 'must be a probability between 0 and 1, e.g. 0.25';
const LATENCY = 'must be a whole number of milliseconds between 0 and 600000';
const CRASH_AFTER = 'must be a whole number of messages, 1 or more (null to never crash)';
const FAIL_TASK = 'must be a whole number of attempts, 1 or more, or "always" (null to never fail)';

/** Field rules shared by the settings, the admin patch and (with coercion) the environment variables. */
export const faultFieldRules = {
  probability: (message = PROBABILITY) => z.number({ message }).min(0, message).max(1, message),
  latencyMs: (message = LATENCY) => z.number({ message }).int(message).min(0, message).max(600_000, message),
  crashAfterMessages: (message = CRASH_AFTER) => z.number({ message }).int(message).min(1, message),
  failTaskAttempts: (message = FAIL_TASK) =>
    z.union([z.number({ message }).int(message).min(1, message), z.literal('always', { message })], {
      message,
    }),
} as const;

/**
 * What a participant service (payment, inventory, shipping) does wrong on purpose, for demos and tests.
 */
export const faultSettingsSchema = z.object({
  /**
   * Chance that a command gets a business "no" (payment declined, reservation failed, shipment failed) with reason
   * `INJECTED_FAILURE`: exercises the saga's compensation path without any real shortage.
   */
  declineProbability: faultFieldRules.probability(),
  /**
   * Chance that a message handler throws a transient error: exercises retries with backoff and, once the retry
   * limit is reached, the dead-letter topic.
   */
  errorProbability: faultFieldRules.probability(),
  /** Sleep before handling each message: makes timeouts and consumer lag visible. */
  latencyMs: faultFieldRules.latencyMs(),
  /**
   * N: the first N messages are handled normally; when message N+1 arrives the process kills itself with SIGKILL
   * before touching it, a crash mid-saga with no shutdown hooks. `null` never crashes.
   */
  crashAfterMessages: faultFieldRules.crashAfterMessages().nullable(),
  /**
   * Task workers (@edr/tasks): N fails the first N attempts of every task (counted over all workers, so a retried
   * task succeeds at attempt N+1); `always` fails every attempt, so the task ends FAILED on its dead-letter topic.
   * `null` never fails a task.
   */
  failTaskAttempts: faultFieldRules.failTaskAttempts().nullable(),
});

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** No faults: what a service runs with unless its environment or an admin asks for more. */
export const defaultFaultSettings: Readonly<FaultSettings> = Object.freeze({
  declineProbability: 0,
  errorProbability: 0,
  latencyMs: 0,
  crashAfterMessages: null,
  failTaskAttempts: null,
});

const allowedFields = Object.keys(faultSettingsSchema.shape).join(', ');

/**
 * Body of `PUT /admin/faults`: any subset of the settings. Unknown fields are rejected rather than ignored, so a typo
 * such as `declineProbabilty` fails loudly instead of silently leaving the fault off.
 */
export const faultSettingsPatchSchema = z
  .object(faultSettingsSchema.partial().shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        return `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed: ${allowedFields}`;
      }
      if (issue.code === 'invalid_type') return `must be a JSON object with any of: ${allowedFields}`;
      return undefined;
    },
  })
  .strict();

export type FaultSettingsPatch = z.infer<typeof faultSettingsPatchSchema>;
