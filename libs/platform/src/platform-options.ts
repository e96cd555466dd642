import type { ServiceConfig } from '@edr/config';
import type { TopicDefinition } from '@edr/contracts';
import type { ServiceTopology } from '@edr/topology';
import type { MigrationInterface } from 'typeorm';

/** A TypeORM entity class. */
export type EntityClass = new () => object;
/** A committed migration; its class name ends in the timestamp TypeORM orders migrations by. */
export type MigrationClass = new () => MigrationInterface;

/** What a service adds to the platform: only its own tables, schema history and topics. */
export interface PlatformOptions {
  /**
   * The service's (or worker's) entry in @edr/topology; `publishes` decides whether it creates an outbox, and a
   * worker whose context publishes writes to that one (`writesToOutbox`).
   */
  readonly service: ServiceTopology;
  /** The parsed configuration, provided under SERVICE_CONFIG with the service's own type. */
  readonly config: ServiceConfig;
  readonly entities: readonly EntityClass[];
  /** The service's own migrations; the platform's (inbox, and outbox if it publishes) run before them. */
  readonly migrations: readonly MigrationClass[];
  /**
   * Topics created at boot if missing: what the service produces and the dead-letter topics of what it consumes.
   * Several services may name the same topic (same definition, from @edr/contracts); whoever starts first creates it.
   */
  readonly topics: readonly TopicDefinition[];
}
