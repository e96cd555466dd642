import { z } from 'zod';
import { type FaultSettings, faultFieldRules } from './fault-settings.js';

// Compose files pass `${FAULT_X:-}` through as an empty string; that means "not set", not zero.
const unsetIfBlank = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const PROBABILITY = 'must be a probability between 0 and 1, e.g. 0.25 (unset for 0)';
const LATENCY = 'must be a whole number of milliseconds between 0 and 600000 (unset for 0)';
const CRASH_AFTER = 'must be a whole number of messages, 1 or more (unset to never crash)';
const FAIL_TASK = 'must be a whole number of attempts, 1 or more, or "always" (unset to never fail)';

/** `always` stays a word; anything else is read as a number. */
const attemptsOrAlways = (value: unknown) => (value === 'always' ? value : Number(value));

/**
 * Environment variables that set a participant's faults at boot. A shape fragment, spread into the service's own
 * schema: `z.object({ ...otherFields, ...faultEnvFields })`, then `faultSettingsFromEnv(parsed)`.
 */
export const faultEnvFields = {
  FAULT_DECLINE_PROBABILITY: z.preprocess(
    unsetIfBlank,
    z.coerce.number({ message: PROBABILITY }).pipe(faultFieldRules.probability(PROBABILITY)).default(0),
  ),
  FAULT_ERROR_PROBABILITY: z.preprocess(
    unsetIfBlank,
    z.coerce.number({ message: PROBABILITY }).pipe(faultFieldRules.probability(PROBABILITY)).default(0),
  ),
  FAULT_LATENCY_MS: z.preprocess(
    unsetIfBlank,
    z.coerce.number({ message: LATENCY }).pipe(faultFieldRules.latencyMs(LATENCY)).default(0),
  ),
  FAULT_CRASH_AFTER_MESSAGES: z.preprocess(
    unsetIfBlank,
    z.coerce
      .number({ message: CRASH_AFTER })
      .pipe(faultFieldRules.crashAfterMessages(CRASH_AFTER))
      .nullable()
      .default(null),
  ),
  FAULT_FAIL_TASK_ATTEMPTS: z.preprocess((value) => {
    const set = unsetIfBlank(value);
    return set === undefined ? undefined : attemptsOrAlways(set);
  }, faultFieldRules.failTaskAttempts(FAIL_TASK).nullable().default(null)),
};

/** The parsed fault variables, as found in a service's parsed env (extra fields are fine). */
export type FaultEnv = z.output<z.ZodObject<typeof faultEnvFields>>;

export function faultSettingsFromEnv(env: FaultEnv): FaultSettings {
  return {
    declineProbability: env.FAULT_DECLINE_PROBABILITY,
    errorProbability: env.FAULT_ERROR_PROBABILITY,
    latencyMs: env.FAULT_LATENCY_MS,
    crashAfterMessages: env.FAULT_CRASH_AFTER_MESSAGES,
    failTaskAttempts: env.FAULT_FAIL_TASK_ATTEMPTS,
  };
}
