import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericColumn } from '../money.js';
import type { CopiedCustomerStatus } from './customer-copy.rules.js';

/**
 * Payment's copy of a customer, written only from customer.events (see CustomerEventsConsumer): what the
 * authorization rule needs, nothing else. It may lag behind customer-service; docs/patterns/data-copies.md.
 */
@Entity({ name: 'customer_copies' })
export class CustomerCopy {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 64 })
  customerId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CopiedCustomerStatus;

  /** Set exactly when ACTIVE: the limit the customer's account was opened with. */
  @Column({
    name: 'credit_limit',
    type: 'numeric',
    precision: 14,
    scale: 2,
    nullable: true,
    transformer: numericColumn,
  })
  creditLimit!: number | null;

  /** Set exactly when FAILED: the registration's failure code (e.g. EMAIL_IN_USE) and its sentence. */
  @Column({ name: 'failure_code', type: 'varchar', length: 64, nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_detail', type: 'text', nullable: true })
  failureDetail!: string | null;

  /** From CustomerRegistrationStarted, when that event was seen. */
  @Column({ name: 'registration_deadline', type: 'timestamptz', nullable: true })
  registrationDeadline!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
