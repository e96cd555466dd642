import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericColumn } from '../money.js';

/** A customer's credit limit on record; customers without a row get the configured default. */
@Entity({ name: 'credit_limits' })
export class CreditLimit {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 255 })
  customerId!: string;

  @Column({ name: 'credit_limit', type: 'numeric', precision: 14, scale: 2, transformer: numericColumn })
  creditLimit!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
