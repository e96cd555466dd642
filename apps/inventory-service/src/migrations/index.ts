import { CreateInboxTable1764300000001 } from '@edr/inbox';
import { AddOutboxDestination1764300000002, CreateOutboxTable1764300000000 } from '@edr/outbox';
import { CreateInventoryTables1764300000400 } from './1764300000400-create-inventory-tables.js';
import { SeedStockCatalog1764300000401 } from './1764300000401-seed-stock-catalog.js';

/** In order; committed and never edited once released. */
export const inventoryMigrations = [
  CreateOutboxTable1764300000000,
  CreateInboxTable1764300000001,
  AddOutboxDestination1764300000002,
  CreateInventoryTables1764300000400,
  SeedStockCatalog1764300000401,
];
