import 'reflect-metadata';
import { bootstrapHttpService } from '@edr/http';
import { kafkaServerOptions } from '@edr/messaging';
import { InventoryServiceModule } from './app.module.js';
import { inventoryConfigSchema } from './inventory.config.js';

await bootstrapHttpService({
  configSchema: inventoryConfigSchema,
  module: (config) => InventoryServiceModule.forRoot(config),
  microservice: (config) =>
    kafkaServerOptions({
      clientId: config.kafka.clientId,
      brokers: config.kafka.brokers,
      groupId: config.serviceName,
    }),
});
