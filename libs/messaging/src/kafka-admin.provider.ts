import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import { type Admin, Kafka, type SASLOptions, logLevel } from 'kafkajs';
import type { TopicDefinition } from '@edr/contracts';
import { ensureTopics } from './topic-admin.js';

/** Injection token for the service's connected kafkajs Admin client. */
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');

export interface KafkaAdminSettings {
  readonly clientId: string;
  readonly brokers: readonly string[];
  /** SASL/SCRAM credentials when the broker authenticates its clients; none locally. */
  readonly sasl?: SASLOptions;
  /** Topics this service owns; created at boot if missing. */
  readonly topics: readonly TopicDefinition[];
}

/** Connected admin client (health checks, topic creation), disconnected on shutdown. */
export const kafkaAdminProvider = (settings: KafkaAdminSettings): Provider => ({
  provide: KAFKA_ADMIN,
  useFactory: async (): Promise<Admin & OnApplicationShutdown> => {
    const kafka = new Kafka({
      clientId: `${settings.clientId}-admin`,
      brokers: [...settings.brokers],
      ...(settings.sasl ? { sasl: settings.sasl } : {}),
      logLevel: logLevel.WARN,
    });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, settings.topics);
    return Object.assign(admin, { onApplicationShutdown: () => admin.disconnect() });
  },
});
