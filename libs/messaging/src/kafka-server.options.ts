import { type KafkaOptions, Transport } from '@nestjs/microservices';
import { logLevel } from 'kafkajs';

export interface KafkaServerSettings {
  readonly clientId: string;
  readonly brokers: readonly string[];
  /** Consumer group, used as is: Nest's default `-server` suffix is turned off so groups are named after services. */
  readonly groupId: string;
}

/**
 * Options for Nest's Kafka transport as every service uses it. Values stay binary (`keepBinary`) so the consumer
 * decodes and validates them itself and can dead-letter the exact bytes that arrived.
 */
export const kafkaServerOptions = (settings: KafkaServerSettings): KafkaOptions => ({
  transport: Transport.KAFKA,
  options: {
    postfixId: '',
    client: {
      clientId: settings.clientId,
      brokers: [...settings.brokers],
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 300, retries: 10 },
    },
    consumer: {
      groupId: settings.groupId,
      // A crashed instance's partitions move to a live one after this long; handlers must finish well within it.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      // Low fetch wait: this is a latency-sensitive event flow, not a bulk pipeline.
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    },
    // A new group (a fresh projection) starts from the beginning of the log, so it sees every event.
    subscribe: { fromBeginning: true },
    // One record at a time per partition (order is kept per key), all partitions of a topic in parallel.
    run: { autoCommitInterval: 1_000, partitionsConsumedConcurrently: 3 },
    parser: { keepBinary: true },
    producer: { allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 },
  },
});
