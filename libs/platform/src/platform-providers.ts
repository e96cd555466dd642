import type { Provider } from '@nestjs/common';
import { SERVICE_CONFIG } from '@edr/config';
import { dataSourceProvider } from '@edr/database';
import { GroupMemberships, MessageConsumer, kafkaAdminProvider } from '@edr/messaging';
import type { PlatformOptions } from './platform-options.js';
import { platformSchema } from './platform-schema.js';

/**
 * What every service injects: its configuration (SERVICE_CONFIG), its migrated DataSource, the connected Kafka
 * admin client (KAFKA_ADMIN), the MessageConsumer every `@EventPattern` handler hands its records to, and the
 * GroupMemberships its consumer servers report their partitions to. PlatformModule provides and exports all of them; a shared injectable every service
 * needs is added to this list.
 */
export function platformProviders(options: PlatformOptions): Provider[] {
  const { config } = options;
  const schema = platformSchema(options);
  return [
    { provide: SERVICE_CONFIG, useValue: config },
    dataSourceProvider({
      url: config.database.url,
      entities: schema.entities,
      migrations: schema.migrations,
      applicationName: config.serviceName,
    }),
    kafkaAdminProvider({
      clientId: config.kafka.clientId,
      brokers: config.kafka.brokers,
      sasl: config.kafka.sasl,
      topics: options.topics,
    }),
    MessageConsumer,
    { provide: GroupMemberships, useValue: new GroupMemberships() },
  ];
}
