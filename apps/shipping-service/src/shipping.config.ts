import type { z } from 'zod';
import { extendServiceConfigSchema } from '@edr/config';
import { faultEnvFields, faultSettingsFromEnv } from '@edr/fault-injection';
import { Services } from '@edr/topology';

export const shippingConfigSchema = extendServiceConfigSchema(
  Services.shipping,
  { ...faultEnvFields },
  (env) => ({ faults: faultSettingsFromEnv(env) }),
);
export type ShippingConfig = z.infer<typeof shippingConfigSchema>;
