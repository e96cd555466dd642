import { CreateInboxTable1764300000001 } from '@edr/inbox';
import { CreateOutboxTable1764300000000 } from '@edr/outbox';
import { CreateOrderView1764300000200 } from './1764300000200-create-order-view.js';

/** In order; committed and never edited once released. */
export const projectionMigrations = [
  CreateOutboxTable1764300000000,
  CreateInboxTable1764300000001,
  CreateOrderView1764300000200,
];
