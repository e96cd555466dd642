import { Kafka, logLevel } from 'kafkajs';

/** The bench's own Kafka client: its probes, its saga watcher and the round-trip baseline. */
export const benchKafka = (brokers: readonly string[]) =>
  new Kafka({
    clientId: 'edr-bench',
    brokers: [...brokers],
    // kafkajs logs rebalances and retries as errors; real failures surface as thrown errors.
    logLevel: logLevel.NOTHING,
  });
