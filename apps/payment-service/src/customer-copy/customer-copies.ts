import type { EntityManager } from 'typeorm';
import { CustomerCopy } from './customer-copy.entity.js';
import type { CopiedCustomer } from './customer-copy.rules.js';

/**
 * Serialises everything that reads or writes one customer's copy and its waiting authorizations, until the
 * transaction ends. A row lock cannot do it: the customer may have no row yet, and the race that matters is exactly
 * "AuthorizePayment finds no ACTIVE customer and parks" against "CustomerCreated arrives and settles what is parked".
 * With this lock, whichever commits second sees what the first wrote. Take it before any payments row lock.
 */
export async function lockCustomer(manager: EntityManager, customerId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`customer:${customerId}`]);
}

export async function findCopy(manager: EntityManager, customerId: string): Promise<CopiedCustomer | null> {
  return manager.findOneBy(CustomerCopy, { customerId });
}

export async function saveCopy(manager: EntityManager, copy: CopiedCustomer): Promise<void> {
  await manager.query(
    `INSERT INTO customer_copies (customer_id, status, credit_limit, failure_code, failure_detail,
                                  registration_deadline, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (customer_id) DO UPDATE
       SET status = EXCLUDED.status, credit_limit = EXCLUDED.credit_limit, failure_code = EXCLUDED.failure_code,
           failure_detail = EXCLUDED.failure_detail, registration_deadline = EXCLUDED.registration_deadline,
           updated_at = now()`,
    [
      copy.customerId,
      copy.status,
      copy.creditLimit,
      copy.failureCode,
      copy.failureDetail,
      copy.registrationDeadline,
    ],
  );
}
