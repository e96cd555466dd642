import { z } from 'zod';
import { extendServiceConfigSchema } from '@edr/config';
import { faultEnvFields, faultSettingsFromEnv } from '@edr/fault-injection';
import { Services } from '@edr/topology';

// Compose passes `${VAR:-}` through as an empty string; that means "use the default".
const milliseconds = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce
      .number({ message: `must be a whole number of milliseconds such as ${fallback}` })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

export const paymentConfigSchema = extendServiceConfigSchema(
  Services.payment,
  {
    ...faultEnvFields,
    // How long an AuthorizePayment for a customer that payment's copy does not know as ACTIVE waits for the copy to
    // catch up. Below the saga's step timeout (SAGA_STEP_TIMEOUT_MS, 5000), so the saga gets the decline rather
    // than a TIMEOUT and a retry (docs/patterns/data-copies.md).
    PAYMENT_CUSTOMER_WAIT_MS: milliseconds(3_000, 1, 600_000),
    // The longest the wait watcher sleeps without a deadline in sight.
    PAYMENT_CUSTOMER_WAIT_BACKSTOP_MS: milliseconds(5_000, 100, 600_000),
  },
  (env) => ({
    faults: faultSettingsFromEnv(env),
    payment: {
      customerWaitMs: env.PAYMENT_CUSTOMER_WAIT_MS,
      customerWaitBackstopMs: env.PAYMENT_CUSTOMER_WAIT_BACKSTOP_MS,
    },
  }),
);

export type PaymentConfig = z.infer<typeof paymentConfigSchema>;
