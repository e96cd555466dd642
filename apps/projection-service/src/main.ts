import 'reflect-metadata';
import { bootstrapHttpService } from '@edr/http';
import { kafkaServerOptions } from '@edr/messaging';
import { ProjectionServiceModule } from './app.module.js';
import { projectionConfigSchema } from './projection.config.js';

await bootstrapHttpService({
  configSchema: projectionConfigSchema,
  module: (config) => ProjectionServiceModule.forRoot(config),
  microservice: (config) =>
    kafkaServerOptions({
      clientId: config.kafka.clientId,
      brokers: config.kafka.brokers,
      groupId: config.serviceName,
    }),
});
