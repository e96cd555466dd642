import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { CustomerRow } from '../customer.entity.js';
import type { RegisterCustomerRequest } from '../register-customer/register-customer.request.js';
import type { RegistrationState } from './registration.state.js';

const toState = (row: CustomerRow): RegistrationState => ({
  customerId: row.customerId,
  status: row.status,
  parts: row.parts,
  contact: row.contact,
  account: row.account,
  address: row.address,
  reason: row.reason,
  deadlineAt: row.deadlineAt,
  activatedAt: row.activatedAt,
  failedAt: row.failedAt,
});

export type DueRegistration = Pick<CustomerRow, 'customerId' | 'correlationId'>;

/** The registrations (`customers` rows) as the aggregator reads and writes them, always through the caller's tx. */
@Injectable()
export class RegistrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads the registration and locks its row until the transaction ends: outcomes and deadlines take turns. */
  async lock(tx: EntityManager, customerId: string): Promise<RegistrationState | null> {
    const row = await tx.findOne(CustomerRow, { where: { customerId }, lock: { mode: 'pessimistic_write' } });
    return row ? toState(row) : null;
  }

  /** Registrations whose deadline has passed, oldest first (the deadline watcher's look). */
  async due(now: Date, limit: number): Promise<DueRegistration[]> {
    return this.dataSource.manager.find(CustomerRow, {
      select: { customerId: true, correlationId: true },
      where: { deadlineAt: LessThanOrEqual(now) },
      order: { deadlineAt: 'ASC' },
      take: limit,
    });
  }

  async nextDeadline(): Promise<Date | null> {
    const row = await this.dataSource.manager.findOne(CustomerRow, {
      select: { customerId: true, deadlineAt: true },
      where: { deadlineAt: Not(IsNull()) },
      order: { deadlineAt: 'ASC' },
    });
    return row?.deadlineAt ?? null;
  }
}

/**
 * Inserts a new registration unless the id is taken. `false`: a customer with this id exists (a seeded id reused, or
 * a concurrent insert that committed first).
 */
export async function insertRegistration(
  tx: EntityManager,
  state: RegistrationState,
  started: { readonly request: RegisterCustomerRequest; readonly correlationId: string },
  now: Date,
): Promise<boolean> {
  const inserted: unknown[] = await tx.query(
    `INSERT INTO customers (customer_id, status, request, parts, deadline_at, registered_at, updated_at, correlation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
     ON CONFLICT (customer_id) DO NOTHING
     RETURNING customer_id`,
    [
      state.customerId,
      state.status,
      JSON.stringify(started.request),
      JSON.stringify(state.parts),
      state.deadlineAt,
      now,
      started.correlationId,
    ],
  );
  return inserted.length > 0;
}

/** Writes the aggregator's new state; the caller holds the row lock. */
export async function saveRegistration(
  tx: EntityManager,
  state: RegistrationState,
  now: Date,
): Promise<void> {
  await tx.update(
    CustomerRow,
    { customerId: state.customerId },
    {
      status: state.status,
      parts: state.parts,
      contact: state.contact,
      account: state.account,
      address: state.address,
      reason: state.reason,
      deadlineAt: state.deadlineAt,
      activatedAt: state.activatedAt,
      failedAt: state.failedAt,
      updatedAt: now,
    },
  );
}
