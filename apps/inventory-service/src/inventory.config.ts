import type { z } from 'zod';
import { extendServiceConfigSchema } from '@edr/config';
import { faultEnvFields, faultSettingsFromEnv } from '@edr/fault-injection';

export const inventoryConfigSchema = extendServiceConfigSchema(
  { name: 'inventory', port: 3003 },
  { ...faultEnvFields },
  (env) => ({ faults: faultSettingsFromEnv(env) }),
);
export type InventoryConfig = z.infer<typeof inventoryConfigSchema>;
