import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demo customers with known limits, so demos and tests can trigger each outcome by customer id alone
 * (everyone else gets PAYMENT_DEFAULT_CREDIT_LIMIT, 5000 by default):
 * - cust-small: 100, orders above 100.00 are declined (CREDIT_LIMIT_EXCEEDED);
 * - cust-standard: 1000;
 * - cust-vip: 100000;
 * - cust-blocked: 0, every order with a positive total is declined.
 * Limits can be changed at runtime with PUT /admin/credit-limits/{customerId}.
 */
export const demoCreditLimits: ReadonlyArray<readonly [customerId: string, creditLimit: number]> = [
  ['cust-small', 100],
  ['cust-standard', 1000],
  ['cust-vip', 100_000],
  ['cust-blocked', 0],
];

export class SeedCreditLimits1764300000301 implements MigrationInterface {
  name = 'SeedCreditLimits1764300000301';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [customerId, creditLimit] of demoCreditLimits) {
      await queryRunner.query(
        `INSERT INTO credit_limits (customer_id, credit_limit) VALUES ($1, $2) ON CONFLICT (customer_id) DO NOTHING`,
        [customerId, creditLimit],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM credit_limits WHERE customer_id = ANY($1)`, [
      demoCreditLimits.map(([customerId]) => customerId),
    ]);
  }
}
