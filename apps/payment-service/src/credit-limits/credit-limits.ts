import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import type { PaymentConfig } from '../payment.config.js';
import { CreditLimit } from './credit-limit.entity.js';

export interface CustomerCreditLimit {
  readonly customerId: string;
  readonly creditLimit: number;
  /** RECORD: from credit_limits; DEFAULT: no row, so PAYMENT_DEFAULT_CREDIT_LIMIT applies. */
  readonly source: 'RECORD' | 'DEFAULT';
}

/** Credit limits as the decline rule sees them: the customer's row, or the configured default. */
@Injectable()
export class CreditLimits {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
  ) {}

  /** Pass the command's transaction manager so the limit is read in the same transaction as the decision. */
  async of(
    customerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CustomerCreditLimit> {
    const row = await manager.findOneBy(CreditLimit, { customerId });
    return row
      ? { customerId, creditLimit: row.creditLimit, source: 'RECORD' }
      : { customerId, creditLimit: this.config.payment.defaultCreditLimit, source: 'DEFAULT' };
  }

  async set(customerId: string, creditLimit: number): Promise<CustomerCreditLimit> {
    await this.dataSource.query(
      `INSERT INTO credit_limits (customer_id, credit_limit, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (customer_id) DO UPDATE SET credit_limit = EXCLUDED.credit_limit, updated_at = now()`,
      [customerId, creditLimit],
    );
    return { customerId, creditLimit, source: 'RECORD' };
  }
}
