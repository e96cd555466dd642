import 'reflect-metadata';
import { bootstrapHttpService } from '@edr/http';
import { kafkaServerOptions } from '@edr/messaging';
import { OrderServiceModule } from './app.module.js';
import { orderConfigSchema } from './order.config.js';

await bootstrapHttpService({
  configSchema: orderConfigSchema,
  module: (config) => OrderServiceModule.forRoot(config),
  // The participants' replies (payment/inventory/shipping.events) drive the order saga.
  microservice: (config) =>
    kafkaServerOptions({
      clientId: config.kafka.clientId,
      brokers: config.kafka.brokers,
      groupId: config.serviceName,
    }),
});
