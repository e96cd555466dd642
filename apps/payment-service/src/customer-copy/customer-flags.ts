import type { EntityManager } from 'typeorm';
import { CustomerFlagRow } from './customer-flag.entity.js';
import type { CustomerFlag } from './customer-flag.rules.js';

/** The customer's flag, held or cleared; null when no CustomerFlagged for it was consumed. Take lockCustomer first. */
export async function findFlag(manager: EntityManager, customerId: string): Promise<CustomerFlag | null> {
  return manager.findOneBy(CustomerFlagRow, { customerId });
}

export async function saveFlag(manager: EntityManager, flag: CustomerFlag): Promise<void> {
  await manager.query(
    `INSERT INTO customer_flags (customer_id, rule, flagged_at, flag_event_id, cleared_at, cleared_by, clear_note,
                                 updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (customer_id) DO UPDATE
       SET rule = EXCLUDED.rule, flagged_at = EXCLUDED.flagged_at, flag_event_id = EXCLUDED.flag_event_id,
           cleared_at = EXCLUDED.cleared_at, cleared_by = EXCLUDED.cleared_by, clear_note = EXCLUDED.clear_note,
           updated_at = now()`,
    [
      flag.customerId,
      flag.rule,
      flag.flaggedAt,
      flag.flagEventId,
      flag.clearedAt,
      flag.clearedBy,
      flag.clearNote,
    ],
  );
}
