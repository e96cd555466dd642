import 'reflect-metadata';
import { bootstrapHttpService } from '@edr/http';
import { kafkaServerOptions } from '@edr/messaging';
import { PaymentServiceModule } from './app.module.js';
import { paymentConfigSchema } from './payment.config.js';

await bootstrapHttpService({
  configSchema: paymentConfigSchema,
  module: (config) => PaymentServiceModule.forRoot(config),
  microservice: (config) =>
    kafkaServerOptions({
      clientId: config.kafka.clientId,
      brokers: config.kafka.brokers,
      groupId: config.serviceName,
    }),
});
