import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The idempotency keys table becomes @edr/idempotency's shape (one table layout for every service with an
 * idempotent POST): the bound id is `resource_id`, text, since not every resource id is a UUID.
 */
export class IdempotencyKeysResourceId1764300000190 implements MigrationInterface {
  name = 'IdempotencyKeysResourceId1764300000190';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotency_keys RENAME COLUMN order_id TO resource_id`);
    await queryRunner.query(`ALTER TABLE idempotency_keys ALTER COLUMN resource_id TYPE varchar(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE idempotency_keys ALTER COLUMN resource_id TYPE uuid USING resource_id::uuid`,
    );
    await queryRunner.query(`ALTER TABLE idempotency_keys RENAME COLUMN resource_id TO order_id`);
  }
}
