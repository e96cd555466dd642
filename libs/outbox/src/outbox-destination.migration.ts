import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commands travel on `<service>.commands`, not on their aggregate's `.events` topic, so the topic can no longer be
 * derived from `aggregatetype`. Each row now names its topic in `destination` (taken from the message catalog by
 * writeToOutbox) and the Debezium router routes by that column (route.by.field=destination).
 */
export class AddOutboxDestination1764300000002 implements MigrationInterface {
  name = 'AddOutboxDestination1764300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN destination varchar(255)`);
    // Rows are deleted in the transaction that inserts them, so this normally updates nothing.
    await queryRunner.query(`UPDATE outbox SET destination = aggregatetype || '.events'`);
    await queryRunner.query(`ALTER TABLE outbox ALTER COLUMN destination SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN destination`);
  }
}
