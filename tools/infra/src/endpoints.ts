import { databaseUrl, getSettings, type ServiceName } from './settings.js';

export interface InfraEndpoints {
  readonly postgres: { readonly host: string; readonly port: number; readonly superuserUrl: string };
  /** DATABASE_URL of a service (`<svc>_svc` on `<svc>_db`). */
  readonly databaseUrl: (service: ServiceName) => string;
  /** KAFKA_BROKERS as a list, e.g. ['localhost:9092']. */
  readonly kafkaBrokers: readonly string[];
  /** Kafka Connect REST base URL, e.g. http://127.0.0.1:8083. */
  readonly connectUrl: string;
}

/** Where the local infrastructure listens, as resolved from EDR_* variables: for the demo and the tests. */
export function infraEndpoints(): InfraEndpoints {
  const settings = getSettings();
  const { host, port, superuserUrl } = settings.postgres;
  return {
    postgres: { host, port, superuserUrl },
    databaseUrl: (service) => databaseUrl(settings, service),
    kafkaBrokers: settings.kafka.brokers,
    connectUrl: settings.connect.url,
  };
}
