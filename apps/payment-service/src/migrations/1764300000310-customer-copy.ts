import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit limits come from customer-service now: payment keeps a copy of customers fed by customer.events and no
 * longer has limits of its own (no table, no seed, no default). An authorization for a customer the copy does not
 * know as ACTIVE may wait for it (AWAITING_CUSTOMER) with what its reply needs.
 */
export class CustomerCopy1764300000310 implements MigrationInterface {
  name = 'CustomerCopy1764300000310';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE credit_limits`);
    await queryRunner.query(`
      CREATE TABLE customer_copies (
        customer_id varchar(64) PRIMARY KEY,
        status varchar(16) NOT NULL
          CONSTRAINT customer_copies_status_known CHECK (status IN ('PENDING', 'ACTIVE', 'FAILED')),
        credit_limit numeric(14, 2) CONSTRAINT customer_copies_limit_non_negative CHECK (credit_limit >= 0),
        failure_code varchar(64),
        failure_detail text,
        registration_deadline timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_copies_only_active_have_limit CHECK ((status = 'ACTIVE') = (credit_limit IS NOT NULL)),
        CONSTRAINT customer_copies_only_failed_have_code CHECK ((status = 'FAILED') = (failure_code IS NOT NULL))
      )`);
    await queryRunner.query(`ALTER TABLE payments DROP CONSTRAINT payments_status_known`);
    await queryRunner.query(`
      ALTER TABLE payments
        ALTER COLUMN status TYPE varchar(24),
        ADD CONSTRAINT payments_status_known
          CHECK (status IN ('AWAITING_CUSTOMER', 'AUTHORIZED', 'DECLINED', 'REFUNDED', 'VOIDED')),
        ADD COLUMN awaiting_until timestamptz,
        ADD COLUMN reply_correlation_id varchar(255),
        ADD COLUMN reply_causation_id varchar(255),
        ADD COLUMN reply_traceparent varchar(255),
        ADD CONSTRAINT payments_awaiting_has_deadline CHECK ((status = 'AWAITING_CUSTOMER') = (awaiting_until IS NOT NULL)),
        ADD CONSTRAINT payments_awaiting_can_reply
          CHECK (status <> 'AWAITING_CUSTOMER' OR (reply_correlation_id IS NOT NULL AND reply_causation_id IS NOT NULL))`);
    // The wait watcher reads the earliest deadlines; a customer's events read its waiting authorizations.
    await queryRunner.query(`
      CREATE INDEX payments_awaiting_until ON payments (awaiting_until) WHERE status = 'AWAITING_CUSTOMER'`);
    await queryRunner.query(`
      CREATE INDEX payments_awaiting_customer ON payments (customer_id) WHERE status = 'AWAITING_CUSTOMER'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM payments WHERE status = 'AWAITING_CUSTOMER'`);
    await queryRunner.query(`DROP INDEX payments_awaiting_customer`);
    await queryRunner.query(`DROP INDEX payments_awaiting_until`);
    await queryRunner.query(`
      ALTER TABLE payments
        DROP CONSTRAINT payments_awaiting_can_reply,
        DROP CONSTRAINT payments_awaiting_has_deadline,
        DROP COLUMN reply_traceparent,
        DROP COLUMN reply_causation_id,
        DROP COLUMN reply_correlation_id,
        DROP COLUMN awaiting_until,
        DROP CONSTRAINT payments_status_known,
        ALTER COLUMN status TYPE varchar(16),
        ADD CONSTRAINT payments_status_known CHECK (status IN ('AUTHORIZED', 'DECLINED', 'REFUNDED', 'VOIDED'))`);
    await queryRunner.query(`DROP TABLE customer_copies`);
    await queryRunner.query(`
      CREATE TABLE credit_limits (
        customer_id varchar(255) PRIMARY KEY,
        credit_limit numeric(14, 2) NOT NULL CONSTRAINT credit_limits_non_negative CHECK (credit_limit >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }
}
