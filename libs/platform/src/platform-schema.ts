import { CreateInboxTable1764300000001, InboxMessage } from '@edr/inbox';
import {
  CreateOutboxTable1764300000000,
  DeleteOutboxRowsOnInsert1764300000002,
  OutboxMessage,
} from '@edr/outbox';
import type { EntityClass, MigrationClass, PlatformOptions } from './platform-options.js';

/**
 * The platform's tables beside the service's own: every service consumes, so every service has an inbox; only a
 * service that publishes has an outbox (and the publication and connector that read it, see @edr/topology).
 */
export function platformSchema(options: Pick<PlatformOptions, 'service' | 'entities' | 'migrations'>): {
  entities: EntityClass[];
  migrations: MigrationClass[];
} {
  const publishes = options.service.publishes;
  return {
    entities: [...(publishes ? [OutboxMessage] : []), InboxMessage, ...options.entities],
    migrations: [
      ...(publishes ? [CreateOutboxTable1764300000000, DeleteOutboxRowsOnInsert1764300000002] : []),
      CreateInboxTable1764300000001,
      ...options.migrations,
    ],
  };
}
