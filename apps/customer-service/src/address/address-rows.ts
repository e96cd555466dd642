import type { EntityManager } from 'typeorm';
import type { ShippingAddress } from '@edr/contracts';

export type AddressStatus = 'ACCEPTED' | 'REFUSED';

/** A customer's row in `addresses`: the normalised address, and why it was refused if it was. */
export interface AddressRow {
  readonly customerId: string;
  readonly status: AddressStatus;
  readonly address: ShippingAddress;
  readonly failureCode: 'COUNTRY_UNSUPPORTED' | 'POSTAL_CODE_INVALID' | null;
  readonly failureDetail: string | null;
}

export async function findAddress(tx: EntityManager, customerId: string): Promise<AddressRow | null> {
  const rows: (Omit<AddressRow, 'address'> & ShippingAddress)[] = await tx.query(
    `SELECT customer_id AS "customerId", status, line1, city, postal_code AS "postalCode", country,
            failure_code AS "failureCode", failure_detail AS "failureDetail"
     FROM addresses WHERE customer_id = $1`,
    [customerId],
  );
  const row = rows[0];
  if (!row) return null;
  const { line1, city, postalCode, country, ...rest } = row;
  return { ...rest, address: { line1, city, postalCode, country } };
}

/**
 * Inserts the row unless the customer has one. `false`: a concurrent delivery inserted first and has committed
 * (ON CONFLICT waits for it); its row is the answer.
 */
export async function insertAddressIfAbsent(tx: EntityManager, row: AddressRow): Promise<boolean> {
  const { line1, city, postalCode, country } = row.address;
  const inserted: unknown[] = await tx.query(
    `INSERT INTO addresses (customer_id, status, line1, city, postal_code, country, failure_code, failure_detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (customer_id) DO NOTHING
     RETURNING customer_id`,
    [row.customerId, row.status, line1, city, postalCode, country, row.failureCode, row.failureDetail],
  );
  return inserted.length > 0;
}
