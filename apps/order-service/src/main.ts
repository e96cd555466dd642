import 'reflect-metadata';
import { bootstrapHttpService } from '@edr/http';
import { OrderServiceModule } from './app.module.js';
import { orderConfigSchema } from './order.config.js';

await bootstrapHttpService({
  configSchema: orderConfigSchema,
  module: (config) => OrderServiceModule.forRoot(config),
});
