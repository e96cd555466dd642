import type { KafkaOptions } from '@nestjs/microservices';
import { type SASLOptions, logLevel } from 'kafkajs';

export interface KafkaServerSettings {
  readonly clientId: string;
  readonly brokers: readonly string[];
  /** Consumer group, used as is: Nest's default `-server` suffix is turned off so groups are named after services. */
  readonly groupId: string;
  /** SASL/SCRAM credentials when the broker authenticates its clients (KAFKA_SASL_*); none locally. */
  readonly sasl?: SASLOptions;
}

export type KafkaServerOptions = NonNullable<KafkaOptions['options']>;

/**
 * A consumer commits its processed offsets at most this often (BatchKafkaServer), and at the latest this long after
 * processing them: a backlog check that reads committed offsets (tests, /health lag) sees the last records within it.
 */
export const offsetCommitIntervalMs = 1_000;

/**
 * The Kafka client settings of every service (BatchKafkaServer takes them), in one place; docs/performance.md has
 * the measurements behind them. Values stay binary (`keepBinary`) so the consumer decodes and validates them
 * itself and can dead-letter the exact bytes that arrived.
 */
export const kafkaServerOptions = (settings: KafkaServerSettings): KafkaServerOptions => ({
  postfixId: '',
  client: {
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    ...(settings.sasl ? { sasl: settings.sasl } : {}),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 300, retries: 10 },
  },
  consumer: {
    groupId: settings.groupId,
    // A crashed instance's partitions move to a live one after this long; a batch must finish well within it.
    sessionTimeout: 10_000,
    heartbeatInterval: 3_000,
    // The broker answers a fetch as soon as one byte is there (minBytes 1), so the wait only bounds how often an
    // idle consumer asks: once a second instead of ten times. It adds no latency to a record that arrives.
    minBytes: 1,
    maxWaitTimeInMs: 1_000,
    allowAutoTopicCreation: false,
  },
  // A new group (a fresh projection) starts from the beginning of the log, so it sees every event.
  subscribe: { fromBeginning: true },
  // Each partition's records arrive as a batch, applied in order (order per key is kept), one batch at a time: a
  // batch's transaction takes row locks in record order, and two batches applied at once deadlock when they lock
  // shared rows (a SKU's stock) in opposite orders (measured: 37 deadlocks, each a 1 s stall, in 40 s at 20/s).
  // Batching, not concurrency, gives the throughput.
  // Offsets are committed by BatchKafkaServer at most once per offsetCommitIntervalMs, not by kafkajs after every batch.
  run: { autoCommit: false, partitionsConsumedConcurrently: 1 },
  parser: { keepBinary: true },
  producer: { allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 },
});
