import type { EntityManager } from 'typeorm';

export type AccountStatus = 'OPEN' | 'REFUSED' | 'CLOSED';

/** A customer's row in `credit_accounts`; the limit is null only on a tombstone. */
export interface AccountRow {
  readonly customerId: string;
  readonly status: AccountStatus;
  readonly creditLimit: number | null;
  readonly failureDetail: string | null;
}

/** Reads the customer's account and locks it until the transaction ends, so an open and a close take turns. */
export async function lockAccount(tx: EntityManager, customerId: string): Promise<AccountRow | null> {
  const rows: {
    customerId: string;
    status: AccountStatus;
    creditLimit: string | null;
    failureDetail: string | null;
  }[] = await tx.query(
    `SELECT customer_id AS "customerId", status, credit_limit AS "creditLimit", failure_detail AS "failureDetail"
       FROM credit_accounts WHERE customer_id = $1 FOR UPDATE`,
    [customerId],
  );
  const row = rows[0];
  // numeric arrives as text; limits have two decimals, well inside a double's exact range.
  return row ? { ...row, creditLimit: row.creditLimit === null ? null : Number(row.creditLimit) } : null;
}

/** Inserts the row unless the customer has one (`false`: a concurrent delivery committed first). */
export async function insertAccountIfAbsent(
  tx: EntityManager,
  row: AccountRow & { readonly failureCode: string | null },
): Promise<boolean> {
  const inserted: unknown[] = await tx.query(
    `INSERT INTO credit_accounts (customer_id, status, credit_limit, failure_code, failure_detail, closed_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::boolean THEN now() END)
     ON CONFLICT (customer_id) DO NOTHING
     RETURNING customer_id`,
    [
      row.customerId,
      row.status,
      row.creditLimit,
      row.failureCode,
      row.failureDetail,
      row.status === 'CLOSED',
    ],
  );
  return inserted.length > 0;
}

/** Closes an open account; the caller holds the row lock and has checked that it is OPEN. */
export async function markClosed(tx: EntityManager, customerId: string): Promise<void> {
  await tx.query(`UPDATE credit_accounts SET status = 'CLOSED', closed_at = now() WHERE customer_id = $1`, [
    customerId,
  ]);
}
