import { CreateInboxTable1764300000001, InboxMessage } from '@edr/inbox';
import {
  CreateOutboxTable1764300000000,
  DeleteOutboxRowsOnInsert1764300000002,
  OutboxMessage,
} from '@edr/outbox';
import { writesToOutbox } from '@edr/topology';
import type { EntityClass, MigrationClass, PlatformOptions } from './platform-options.js';

/**
 * The platform's tables beside the service's own: every service consumes, so every service has an inbox; only a
 * service that publishes has an outbox (and the publication and connector that read it, see @edr/topology). A
 * worker writes to its context's outbox (ADR 0007): it gets the entity, but the migrations stay with the context,
 * which owns the table.
 */
export function platformSchema(options: Pick<PlatformOptions, 'service' | 'entities' | 'migrations'>): {
  entities: EntityClass[];
  migrations: MigrationClass[];
} {
  const ownsOutbox = options.service.publishes;
  return {
    entities: [
      ...(writesToOutbox(options.service) ? [OutboxMessage] : []),
      InboxMessage,
      ...options.entities,
    ],
    migrations: [
      ...(ownsOutbox ? [CreateOutboxTable1764300000000, DeleteOutboxRowsOnInsert1764300000002] : []),
      CreateInboxTable1764300000001,
      ...options.migrations,
    ],
  };
}
