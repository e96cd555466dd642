import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The aggregator's table (`customers`, one row per registration) and one table per part. Each part's table has one row
 * per customer, whatever happened: the primary key makes its command idempotent (a repeat finds the row and answers
 * as before) and lets a compensation that overtook its command leave a tombstone.
 */
export class CreateCustomerTables1764300000600 implements MigrationInterface {
  name = 'CreateCustomerTables1764300000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customers (
        customer_id varchar(64) PRIMARY KEY,
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'FAILED')),
        request jsonb NOT NULL,
        parts jsonb NOT NULL,
        contact jsonb,
        account jsonb,
        address jsonb,
        reason jsonb,
        correlation_id varchar(255) NOT NULL,
        deadline_at timestamptz,
        registered_at timestamptz NOT NULL,
        activated_at timestamptz,
        failed_at timestamptz,
        updated_at timestamptz NOT NULL,
        CHECK ((status = 'PENDING') = (deadline_at IS NOT NULL)),
        CHECK ((status = 'FAILED') = (reason IS NOT NULL))
      )`);
    // The deadline watcher's query: only PENDING registrations have a deadline, so the partial index stays small.
    await queryRunner.query(
      `CREATE INDEX customers_deadline_idx ON customers (deadline_at) WHERE deadline_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE contacts (
        customer_id varchar(64) PRIMARY KEY,
        status varchar(16) NOT NULL CHECK (status IN ('HELD', 'REFUSED', 'RELEASED')),
        name varchar(200),
        email varchar(320),
        email_normalised varchar(320),
        phone varchar(40),
        failure_code varchar(64),
        failure_detail text,
        created_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        CHECK (status <> 'HELD' OR email_normalised IS NOT NULL),
        CHECK (status <> 'REFUSED' OR failure_code IS NOT NULL)
      )`);
    // One held contact per email: the arbiter when two registrations with the same email race. A released or
    // refused contact holds nothing, so a failed registration's email can be registered again.
    await queryRunner.query(
      `CREATE UNIQUE INDEX contacts_held_email_key ON contacts (email_normalised) WHERE status = 'HELD'`,
    );
    await queryRunner.query(`
      CREATE TABLE credit_accounts (
        customer_id varchar(64) PRIMARY KEY,
        status varchar(16) NOT NULL CHECK (status IN ('OPEN', 'REFUSED', 'CLOSED')),
        credit_limit numeric(14, 2) CHECK (credit_limit >= 0),
        failure_code varchar(64),
        failure_detail text,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CHECK (status <> 'OPEN' OR credit_limit IS NOT NULL),
        CHECK (status <> 'REFUSED' OR failure_code IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE TABLE addresses (
        customer_id varchar(64) PRIMARY KEY,
        status varchar(16) NOT NULL CHECK (status IN ('ACCEPTED', 'REFUSED')),
        line1 varchar(200) NOT NULL,
        city varchar(100) NOT NULL,
        postal_code varchar(20) NOT NULL,
        country varchar(64) NOT NULL,
        failure_code varchar(64),
        failure_detail text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'REFUSED' OR failure_code IS NOT NULL)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE addresses`);
    await queryRunner.query(`DROP TABLE credit_accounts`);
    await queryRunner.query(`DROP TABLE contacts`);
    await queryRunner.query(`DROP TABLE customers`);
  }
}
