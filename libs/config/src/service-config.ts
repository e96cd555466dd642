import { z } from 'zod';
import { envFields } from './env-fields.js';

export interface ServiceDefaults {
  /** Service name as used for databases, roles and consumer groups: `order`, `projection`, ... */
  readonly name: string;
  readonly port: number;
}

/** The settings every service has; services extend the schema with their own fields. */
export const serviceConfigSchema = ({ name, port }: ServiceDefaults) =>
  z
    .object({
      PORT: envFields.port(port),
      DATABASE_URL: envFields.postgresUrl(`postgres://${name}_svc:${name}_svc@localhost:5432/${name}_db`),
      KAFKA_BROKERS: envFields.kafkaBrokers(),
      LOG_LEVEL: envFields.logLevel(),
    })
    .transform((env) => ({
      serviceName: `${name}-service`,
      http: { port: env.PORT },
      database: { url: env.DATABASE_URL },
      kafka: { brokers: env.KAFKA_BROKERS, clientId: `${name}-service` },
      logLevel: env.LOG_LEVEL,
    }));

export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;
