import { CreateInboxTable1764300000001 } from '@edr/inbox';
import { AddOutboxDestination1764300000002, CreateOutboxTable1764300000000 } from '@edr/outbox';
import { CreateOrderTables1764300000100 } from './1764300000100-create-order-tables.js';
import { CreateOrderSagas1764300000101 } from './1764300000101-create-order-sagas.js';

/** In order; committed and never edited once released. */
export const orderMigrations = [
  CreateOutboxTable1764300000000,
  CreateInboxTable1764300000001,
  AddOutboxDestination1764300000002,
  CreateOrderTables1764300000100,
  CreateOrderSagas1764300000101,
];
