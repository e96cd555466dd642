import 'reflect-metadata';
import { bootstrapHttpService } from '@edr/http';
import { kafkaServerOptions } from '@edr/messaging';
import { ShippingServiceModule } from './app.module.js';
import { shippingConfigSchema } from './shipping.config.js';

await bootstrapHttpService({
  configSchema: shippingConfigSchema,
  module: (config) => ShippingServiceModule.forRoot(config),
  microservice: (config) =>
    kafkaServerOptions({
      clientId: config.kafka.clientId,
      brokers: config.kafka.brokers,
      groupId: config.serviceName,
    }),
});
