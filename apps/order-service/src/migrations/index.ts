import { CreateOutboxTable1764300000000 } from '@edr/outbox';
import { CreateOrderTables1764300000100 } from './1764300000100-create-order-tables.js';

/** In order; committed and never edited once released. */
export const orderMigrations = [CreateOutboxTable1764300000000, CreateOrderTables1764300000100];
