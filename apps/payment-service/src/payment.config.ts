import { z } from 'zod';
import { extendServiceConfigSchema } from '@edr/config';
import { faultEnvFields, faultSettingsFromEnv } from '@edr/fault-injection';
import { Services } from '@edr/topology';

const DEFAULT_LIMIT = 'must be an amount of money ≥ 0 with at most two decimals, e.g. 5000 or 2500.50';

export const paymentConfigSchema = extendServiceConfigSchema(
  Services.payment,
  {
    ...faultEnvFields,
    // Compose passes `${VAR:-}` through as an empty string; that means "use the default", not 0.
    PAYMENT_DEFAULT_CREDIT_LIMIT: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
      z.coerce
        .number({ message: DEFAULT_LIMIT })
        .nonnegative(DEFAULT_LIMIT)
        .multipleOf(0.01, DEFAULT_LIMIT)
        .max(999_999_999_999.99, DEFAULT_LIMIT)
        .default(5000),
    ),
  },
  (env) => ({
    faults: faultSettingsFromEnv(env),
    payment: {
      /** Credit limit of a customer with no row in credit_limits. */
      defaultCreditLimit: env.PAYMENT_DEFAULT_CREDIT_LIMIT,
    },
  }),
);

export type PaymentConfig = z.infer<typeof paymentConfigSchema>;
