import { z } from 'zod';
import { envFields, extendServiceConfigSchema } from '@edr/config';
import { faultEnvFields, faultSettingsFromEnv } from '@edr/fault-injection';
import { Services } from '@edr/topology';

const { wholeNumber } = envFields;

const CEILING = 'must be an amount of money ≥ 0 with at most two decimals, e.g. 100000';

export const customerConfigSchema = extendServiceConfigSchema(
  Services.customer,
  {
    // How long a registration may stay PENDING before it fails with REGISTRATION_DEADLINE_PASSED. Its three parts
    // run in this process and take milliseconds; the bound is for a part whose consumer is stuck or down.
    CUSTOMER_REGISTRATION_DEADLINE_MS: wholeNumber('milliseconds', 10_000, 100, 86_400_000).default(10_000),
    // The longest the deadline watcher sleeps without a deadline in sight (see @edr/deadlines).
    CUSTOMER_DEADLINE_BACKSTOP_MS: wholeNumber('milliseconds', 5_000, 100, 600_000).default(5_000),
    // The highest credit limit the account part opens; the seeded cust-vip and bench customers need 100 000.
    CUSTOMER_CREDIT_LIMIT_CEILING: z.coerce
      .number({ message: CEILING })
      .nonnegative(CEILING)
      .multipleOf(0.01, CEILING)
      .max(999_999_999_999.99, CEILING)
      .default(100_000),
    // Failure injection (latency, errors, crash) for every message the parts and the aggregator consume: how the
    // tests hold a registration PENDING and make it miss its deadline.
    ...faultEnvFields,
  },
  (env) => ({
    faults: faultSettingsFromEnv(env),
    registration: {
      deadlineMs: env.CUSTOMER_REGISTRATION_DEADLINE_MS,
      deadlineBackstopMs: env.CUSTOMER_DEADLINE_BACKSTOP_MS,
    },
    account: { creditLimitCeiling: env.CUSTOMER_CREDIT_LIMIT_CEILING },
  }),
);
export type CustomerConfig = z.infer<typeof customerConfigSchema>;
