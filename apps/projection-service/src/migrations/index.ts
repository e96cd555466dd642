import { CreateInboxTable1764300000001 } from '@edr/inbox';
import { AddOutboxDestination1764300000002, CreateOutboxTable1764300000000 } from '@edr/outbox';
import { CreateOrderView1764300000200 } from './1764300000200-create-order-view.js';
import { AddOrderViewRejection1764300000201 } from './1764300000201-add-order-view-rejection.js';

/** In order; committed and never edited once released. */
export const projectionMigrations = [
  CreateOutboxTable1764300000000,
  CreateInboxTable1764300000001,
  AddOutboxDestination1764300000002,
  CreateOrderView1764300000200,
  AddOrderViewRejection1764300000201,
];
