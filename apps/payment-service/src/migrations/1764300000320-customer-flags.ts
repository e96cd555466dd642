import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customers held by a complex-event-processing rule (CustomerFlagged / CustomerFlagCleared on projection.events).
 * A table of its own rather than columns of customer_copies: a flag may come for a customer whose registration
 * events payment has not consumed, and customer_copies' rows claim a registration state (PENDING, ACTIVE, FAILED).
 */
export class CustomerFlags1764300000320 implements MigrationInterface {
  name = 'CustomerFlags1764300000320';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_flags (
        customer_id varchar(64) PRIMARY KEY,
        rule text NOT NULL,
        flagged_at timestamptz NOT NULL,
        flag_event_id uuid NOT NULL,
        cleared_at timestamptz,
        cleared_by varchar(100),
        clear_note text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_flags_cleared_by_someone CHECK ((cleared_at IS NULL) = (cleared_by IS NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customer_flags`);
  }
}
