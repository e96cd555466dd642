import type { z } from 'zod';
import { extendServiceConfigSchema } from '@edr/config';
import { faultEnvFields, faultSettingsFromEnv } from '@edr/fault-injection';

export const shippingConfigSchema = extendServiceConfigSchema(
  { name: 'shipping', port: 3004 },
  { ...faultEnvFields },
  (env) => ({ faults: faultSettingsFromEnv(env) }),
);
export type ShippingConfig = z.infer<typeof shippingConfigSchema>;
