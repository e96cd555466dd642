import { bootstrapService } from '@edr/platform';
import { OrderServiceModule } from './app.module.js';
import { orderConfigSchema } from './order.config.js';

await bootstrapService({
  configSchema: orderConfigSchema,
  module: (config) => OrderServiceModule.forRoot(config),
});
