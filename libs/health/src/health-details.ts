/**
 * A part of a service that reports what it is doing on `GET /health`, beside the database and Kafka checks: shown
 * under its key in the answer's `info`/`details` (a task worker's id, partitions and counts). It never makes the
 * service unhealthy; `read` returns plain JSON data.
 */
export interface HealthDetail {
  readonly key: string;
  read(): Readonly<Record<string, unknown>> | Promise<Readonly<Record<string, unknown>>>;
}

/** Optional injection token: the service's HealthDetail list, provided by a global module (e.g. @edr/tasks). */
export const HEALTH_DETAILS = Symbol.for('edr.health-details');
