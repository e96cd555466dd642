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
  // SASL/SCRAM towards a broker that authenticates its clients (Kubernetes: Strimzi's KafkaUsers, k8s/README.md).
  // All three or none: unset, the client connects without authentication (the local and compose brokers).
  KAFKA_SASL_MECHANISM: z
    .enum(['scram-sha-256', 'scram-sha-512'], {
      message: 'must be scram-sha-256 or scram-sha-512 (unset for a broker without authentication)',
    })
    .optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
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

/** Credentials of a SASL/SCRAM Kafka client (the shape kafkajs takes as `sasl`). */
export type KafkaSasl = {
  readonly [M in 'scram-sha-256' | 'scram-sha-512']: {
    readonly mechanism: M;
    readonly username: string;
    readonly password: string;
  };
}['scram-sha-256' | 'scram-sha-512'];

type SaslEnv = Pick<BaseEnv, 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD'>;

/** A mechanism without credentials, or credentials without a mechanism, is a half-done setup: name what is missing. */
function checkSasl(env: SaslEnv, ctx: z.RefinementCtx): void {
  const credentials = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;
  if (env.KAFKA_SASL_MECHANISM !== undefined) {
    for (const name of credentials) {
      if (env[name] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `must be set with KAFKA_SASL_MECHANISM=${env.KAFKA_SASL_MECHANISM}`,
        });
      }
    }
  } else if (credentials.some((name) => env[name] !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['KAFKA_SASL_MECHANISM'],
      message:
        'must be set (scram-sha-512 for a Strimzi SCRAM listener) when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is',
    });
  }
}

const saslOf = (env: SaslEnv): { sasl?: KafkaSasl } =>
  env.KAFKA_SASL_MECHANISM === undefined
    ? {}
    : {
        sasl: {
          mechanism: env.KAFKA_SASL_MECHANISM,
          username: env.KAFKA_SASL_USERNAME ?? '',
          password: env.KAFKA_SASL_PASSWORD ?? '',
        },
      };

const toServiceConfig = (name: string, env: BaseEnv) => ({
  serviceName: `${name}-service`,
  http: { port: env.PORT },
  database: { url: env.DATABASE_URL },
  kafka: { brokers: env.KAFKA_BROKERS, clientId: `${name}-service`, ...saslOf(env) },
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
  z
    .object(baseShape(defaults))
    .superRefine(checkSasl)
    .transform((env) => toServiceConfig(defaults.name, env));

/**
 * A service's own settings on top of the common ones: `shape` adds environment variables, `map` turns them into
 * the typed fields the service reads (`config.saga.stepTimeoutMs`, ...).
 */
export const extendServiceConfigSchema = <TShape extends z.ZodRawShape, TExtra extends object>(
  defaults: ServiceDefaults,
  shape: TShape,
  map: (env: z.infer<z.ZodObject<TShape>>) => TExtra,
) =>
  z
    .object({ ...baseShape(defaults), ...shape })
    .superRefine((env, ctx) => checkSasl(env as unknown as SaslEnv, ctx))
    .transform((env) => ({
      ...toServiceConfig(defaults.name, env as unknown as BaseEnv),
      ...map(env as unknown as z.infer<z.ZodObject<TShape>>),
    }));
