import type { z } from 'zod';
import { extendServiceConfigSchema } from '@edr/config';
import { faultEnvFields, faultSettingsFromEnv } from '@edr/fault-injection';
import { Services } from '@edr/topology';

export const inventoryConfigSchema = extendServiceConfigSchema(
  Services.inventory,
  { ...faultEnvFields },
  (env) => ({ faults: faultSettingsFromEnv(env) }),
);
export type InventoryConfig = z.infer<typeof inventoryConfigSchema>;
