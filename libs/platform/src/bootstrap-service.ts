import 'reflect-metadata';
import { ConsoleLogger, type DynamicModule, type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { z } from 'zod';
import { type ServiceConfig, ConfigError, loadConfig } from '@edr/config';
import {
  BatchKafkaServer,
  GroupMemberships,
  type TopicOwnership,
  fixKafkajsIdleLoop,
  kafkaServerOptions,
} from '@edr/messaging';

export interface ServiceBootstrap<TSchema extends z.ZodType<ServiceConfig>> {
  readonly configSchema: TSchema;
  /** The service's root module for its parsed configuration. */
  readonly module: (config: z.infer<TSchema>) => DynamicModule;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Consumer groups beside the service's own (named after the service), each with the topics it alone consumes, so
   * a part of the service can scale, lag and rebalance on its own. The service's group takes every other topic.
   */
  readonly consumerGroups?: (config: z.infer<TSchema>) => readonly ConsumerGroup[];
}

export interface ConsumerGroup {
  readonly groupId: string;
  readonly topics: readonly string[];
}

const levelsFrom = (level: ServiceConfig['logLevel']) => {
  const order = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
};

/**
 * The one place a service reads process.env: config is parsed and validated, then the Nest app starts with HTTP and
 * the Kafka consumer transport (batches per partition, BatchKafkaServer; client id from the config, consumer group = the
 * service name, plus any `consumerGroups`) and shuts down cleanly
 * on SIGTERM/SIGINT so consumers leave their group at once.
 */
export async function bootstrapService<TSchema extends z.ZodType<ServiceConfig>>(
  options: ServiceBootstrap<TSchema>,
): Promise<INestApplication> {
  let config: z.infer<TSchema>;
  try {
    config = loadConfig(options.configSchema, options.env ?? process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  // Before any Kafka client exists: the service's consumers, producers and admin clients all get it.
  fixKafkajsIdleLoop();
  const logger = new ConsoleLogger({
    prefix: config.serviceName,
    logLevels: levelsFrom(config.logLevel),
    json: true,
  });
  const app = await NestFactory.create(options.module(config), { logger, abortOnError: false });
  app.enableShutdownHooks();
  const groups = options.consumerGroups?.(config) ?? [];
  // Every server reports its partitions to the app's one GroupMemberships, which controllers can inject.
  const memberships = app.get(GroupMemberships);
  const server = (groupId: string, clientId: string, ownership: TopicOwnership) =>
    app.connectMicroservice(
      {
        strategy: new BatchKafkaServer(
          kafkaServerOptions({ clientId, brokers: config.kafka.brokers, groupId, sasl: config.kafka.sasl }),
          ownership,
          memberships,
        ),
      },
      { inheritAppConfig: true },
    );
  server(config.serviceName, config.kafka.clientId, { allBut: groups.flatMap((group) => group.topics) });
  for (const group of groups) {
    server(group.groupId, `${config.kafka.clientId}.${group.groupId}`, { topics: group.topics });
  }
  await app.startAllMicroservices();
  await app.listen(config.http.port, '0.0.0.0');
  new Logger('Bootstrap').log(`${config.serviceName} listening on :${config.http.port}`);
  return app;
}
