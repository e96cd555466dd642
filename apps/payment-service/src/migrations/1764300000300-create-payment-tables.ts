import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePaymentTables1764300000300 implements MigrationInterface {
  name = 'CreatePaymentTables1764300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE credit_limits (
        customer_id varchar(255) PRIMARY KEY,
        credit_limit numeric(14, 2) NOT NULL CONSTRAINT credit_limits_non_negative CHECK (credit_limit >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The constraints restate the business rules, so a bug in the handlers cannot store an impossible payment
    // (above all: refund more than was captured).
    await queryRunner.query(`
      CREATE TABLE payments (
        order_id uuid PRIMARY KEY,
        payment_id uuid UNIQUE,
        customer_id varchar(255),
        amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
        status varchar(16) NOT NULL
          CONSTRAINT payments_status_known CHECK (status IN ('AUTHORIZED', 'DECLINED', 'REFUNDED', 'VOIDED')),
        decline_code varchar(64),
        decline_detail text,
        captured_amount numeric(14, 2) NOT NULL DEFAULT 0 CHECK (captured_amount >= 0),
        refunded_amount numeric(14, 2) NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
        authorized_at timestamptz,
        refunded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payments_refund_within_capture CHECK (refunded_amount <= captured_amount),
        CONSTRAINT payments_only_tombstones_lack_payment CHECK ((status = 'VOIDED') = (payment_id IS NULL)),
        CONSTRAINT payments_only_tombstones_lack_customer CHECK (status = 'VOIDED' OR customer_id IS NOT NULL),
        CONSTRAINT payments_declines_have_code CHECK ((status = 'DECLINED') = (decline_code IS NOT NULL)),
        CONSTRAINT payments_only_authorized_capture
          CHECK (status IN ('AUTHORIZED', 'REFUNDED') OR captured_amount = 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE payments`);
    await queryRunner.query(`DROP TABLE credit_limits`);
  }
}
