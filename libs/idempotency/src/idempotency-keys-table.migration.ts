import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The table a service with an idempotent `POST` adds to its migrations. Its timestamp sorts before every service's
 * own migrations, like the inbox's and the outbox's.
 */
export class CreateIdempotencyKeysTable1764300000003 implements MigrationInterface {
  name = 'CreateIdempotencyKeysTable1764300000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        key varchar(255) PRIMARY KEY,
        request_hash char(64) NOT NULL,
        resource_id varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
