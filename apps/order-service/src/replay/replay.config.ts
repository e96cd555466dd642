import { z } from 'zod';
import { envFields } from '@edr/config';

/** The replay's environment: only where Kafka is, read the way the order service reads it (same default). */
export const replayConfigSchema = z
  .object({ KAFKA_BROKERS: envFields.kafkaBrokers() })
  .transform((env) => ({ kafka: { brokers: env.KAFKA_BROKERS } }));

export type ReplayConfig = z.infer<typeof replayConfigSchema>;
