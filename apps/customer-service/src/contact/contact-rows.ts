import type { EntityManager } from 'typeorm';

export type ContactStatus = 'HELD' | 'REFUSED' | 'RELEASED';

/** A customer's row in `contacts`; name, email and phone are null only on a tombstone. */
export interface ContactRow {
  readonly customerId: string;
  readonly status: ContactStatus;
  readonly name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly failureCode: string | null;
  readonly failureDetail: string | null;
}

const columns = `customer_id AS "customerId", status, name, email, phone,
  failure_code AS "failureCode", failure_detail AS "failureDetail"`;

/** Reads the customer's contact and locks it until the transaction ends, so a create and a release take turns. */
export async function lockContact(tx: EntityManager, customerId: string): Promise<ContactRow | null> {
  const rows: ContactRow[] = await tx.query(
    `SELECT ${columns} FROM contacts WHERE customer_id = $1 FOR UPDATE`,
    [customerId],
  );
  return rows[0] ?? null;
}

/**
 * Inserts the row unless it conflicts. ON CONFLICT without a target covers both unique indexes: the primary key (a
 * concurrent delivery for the same customer) and the held-email index (another customer holds the email; the insert
 * waits for a concurrent holder to commit or roll back). `false` means one of the two; the caller tells which.
 */
export async function insertContact(
  tx: EntityManager,
  row: ContactRow & { readonly emailNormalised: string | null },
): Promise<boolean> {
  const inserted: unknown[] = await tx.query(
    `INSERT INTO contacts (customer_id, status, name, email, email_normalised, phone, failure_code, failure_detail,
                           released_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9::boolean THEN now() END)
     ON CONFLICT DO NOTHING
     RETURNING customer_id`,
    [
      row.customerId,
      row.status,
      row.name,
      row.email,
      row.emailNormalised,
      row.phone,
      row.failureCode,
      row.failureDetail,
      row.status === 'RELEASED',
    ],
  );
  return inserted.length > 0;
}

/** Gives the email back: the caller holds the row lock and has checked that it is HELD. */
export async function markReleased(tx: EntityManager, customerId: string): Promise<void> {
  await tx.query(`UPDATE contacts SET status = 'RELEASED', released_at = now() WHERE customer_id = $1`, [
    customerId,
  ]);
}
