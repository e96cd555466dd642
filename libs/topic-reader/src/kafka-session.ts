import { Kafka, logLevel, type Admin } from 'kafkajs';
import { TopicReadError } from './topic-read.error.js';

export interface KafkaSession {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly brokers: readonly string[];
  /** The broker's topic names when the session opened. */
  readonly topics: readonly string[];
  readonly close: () => Promise<void>;
}

export function createKafka(brokers: readonly string[], clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    connectionTimeout: 3_000,
    retry: { retries: 3 },
    // kafkajs logs every rebalance heartbeat as an ERROR; real failures surface as thrown errors.
    logLevel: logLevel.NOTHING,
  });
}

/** Connects an admin client and lists the topics, turning "broker not reachable" into an error with a fix. */
export async function openKafka(brokers: readonly string[], clientId: string): Promise<KafkaSession> {
  const kafka = createKafka(brokers, clientId);
  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    return { kafka, admin, brokers, topics, close: () => admin.disconnect() };
  } catch (error) {
    await admin.disconnect().catch(() => undefined);
    throw new TopicReadError(`cannot reach Kafka at ${brokers.join(',')}: ${(error as Error).message}`, {
      hint: 'start the local infrastructure with npm run infra:up, or point KAFKA_BROKERS at your brokers',
      cause: error,
    });
  }
}
