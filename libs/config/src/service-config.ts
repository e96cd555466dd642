import { z } from 'zod';
import { envFields } from './env-fields.js';

export interface ServiceDefaults {
  /** Service name as used for roles, schemas and consumer groups: `order`, `projection`, ... */
  readonly name: string;
  readonly port: number;
}

const baseShape = ({ name, port }: ServiceDefaults) => ({
  PORT: envFields.port(port),
  // The role's own schema in the one system database (libs/topology `systemDatabase`, ADR 0009).
  DATABASE_URL: envFields.postgresUrl(`postgres://${name}_svc:${name}_svc@localhost:5432/edr`),
  KAFKA_BROKERS: envFields.kafkaBrokers(),
  LOG_LEVEL: envFields.logLevel(),
  CONSUMER_MAX_ATTEMPTS: z.coerce
    .number({ message: 'must be a whole number of attempts such as 5' })
    .int('must be a whole number')
    .min(1, 'must be at least 1 (1 = no retry)')
    .max(100, 'must be at most 100')
    .default(5),
  CONSUMER_BACKOFF_MS: envFields.durationMs(200),
  CONSUMER_MAX_BACKOFF_MS: envFields.durationMs(5_000),
  CONSUMER_BATCH_MAX_RECORDS: z.coerce
    .number({ message: 'must be a whole number of records such as 100' })
    .int('must be a whole number')
    .min(1, 'must be at least 1 (1 = one transaction per record)')
    .max(1_000, 'must be at most 1000')
    .default(100),
});

type BaseEnv = z.infer<z.ZodObject<ReturnType<typeof baseShape>>>;

const toServiceConfig = (name: string, env: BaseEnv) => ({
  serviceName: `${name}-service`,
  http: { port: env.PORT },
  database: { url: env.DATABASE_URL },
  kafka: { brokers: env.KAFKA_BROKERS, clientId: `${name}-service` },
  logLevel: env.LOG_LEVEL,
  consumer: {
    /** Retries of a failing message handler before its record goes to `<topic>.dlq`. */
    retry: {
      maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
      initialBackoffMs: env.CONSUMER_BACKOFF_MS,
      maxBackoffMs: env.CONSUMER_MAX_BACKOFF_MS,
    },
    /** Records of one partition applied in one transaction at most (consumeBatch). */
    maxRecordsPerTransaction: env.CONSUMER_BATCH_MAX_RECORDS,
  },
});

export type ServiceConfig = ReturnType<typeof toServiceConfig>;

/** The settings every service has. */
export const serviceConfigSchema = (defaults: ServiceDefaults) =>
  z.object(baseShape(defaults)).transform((env) => toServiceConfig(defaults.name, env));

/**
 * A service's own settings on top of the common ones: `shape` adds environment variables, `map` turns them into
 * the typed fields the service reads (`config.saga.stepTimeoutMs`, ...).
 */
export const extendServiceConfigSchema = <TShape extends z.ZodRawShape, TExtra extends object>(
  defaults: ServiceDefaults,
  shape: TShape,
  map: (env: z.infer<z.ZodObject<TShape>>) => TExtra,
) =>
  z.object({ ...baseShape(defaults), ...shape }).transform((env) => ({
    ...toServiceConfig(defaults.name, env as unknown as BaseEnv),
    ...map(env as unknown as z.infer<z.ZodObject<TShape>>),
  }));
