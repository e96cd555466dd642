import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The saga's outcome in the view: why an order was rejected. */
export class AddOrderViewRejection1764300000201 implements MigrationInterface {
  name = 'AddOrderViewRejection1764300000201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE order_view ADD COLUMN rejection_reason jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE order_view DROP COLUMN rejection_reason`);
  }
}
