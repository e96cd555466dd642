import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RegistrationFailure, ShippingAddress } from '@edr/contracts';
import type { RegisterCustomerRequest } from './register-customer/register-customer.request.js';
import type {
  AccountData,
  ContactData,
  CustomerStatus,
  PartStates,
} from './registration/registration.state.js';

/**
 * One customer: what the client asked for and the registration aggregator's state (registration/registration.state.ts
 * says what each column means). The row is locked while an outcome or a deadline is applied to it.
 */
@Entity({ name: 'customers' })
export class CustomerRow {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 64 })
  customerId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: CustomerStatus;

  @Column({ type: 'jsonb' })
  request!: RegisterCustomerRequest;

  @Column({ type: 'jsonb' })
  parts!: PartStates;

  @Column({ type: 'jsonb', nullable: true })
  contact!: ContactData | null;

  @Column({ type: 'jsonb', nullable: true })
  account!: AccountData | null;

  @Column({ type: 'jsonb', nullable: true })
  address!: ShippingAddress | null;

  @Column({ type: 'jsonb', nullable: true })
  reason!: RegistrationFailure | null;

  /** The correlation id of the request that started it: what a deadline's messages carry too. */
  @Column({ name: 'correlation_id', type: 'varchar', length: 255 })
  correlationId!: string;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
