import { CreateInboxTable1764300000001 } from '@edr/inbox';
import { AddOutboxDestination1764300000002, CreateOutboxTable1764300000000 } from '@edr/outbox';
import { CreateShipments1764300000500 } from './1764300000500-create-shipments.js';

/** In order; committed and never edited once released. */
export const shippingMigrations = [
  CreateOutboxTable1764300000000,
  CreateInboxTable1764300000001,
  AddOutboxDestination1764300000002,
  CreateShipments1764300000500,
];
