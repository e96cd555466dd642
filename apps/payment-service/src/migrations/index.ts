import { CreateInboxTable1764300000001 } from '@edr/inbox';
import { AddOutboxDestination1764300000002, CreateOutboxTable1764300000000 } from '@edr/outbox';
import { CreatePaymentTables1764300000300 } from './1764300000300-create-payment-tables.js';
import { SeedCreditLimits1764300000301 } from './1764300000301-seed-credit-limits.js';

/** In order; committed and never edited once released. */
export const paymentMigrations = [
  CreateOutboxTable1764300000000,
  CreateInboxTable1764300000001,
  AddOutboxDestination1764300000002,
  CreatePaymentTables1764300000300,
  SeedCreditLimits1764300000301,
];
