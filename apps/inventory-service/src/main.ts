import { bootstrapService } from '@edr/platform';
import { InventoryServiceModule } from './app.module.js';
import { inventoryConfigSchema } from './inventory.config.js';

await bootstrapService({
  configSchema: inventoryConfigSchema,
  module: (config) => InventoryServiceModule.forRoot(config),
});
