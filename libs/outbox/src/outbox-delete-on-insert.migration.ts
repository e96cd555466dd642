import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox rows are deleted by the statement that inserts them (an AFTER INSERT statement trigger), not by a second
 * statement: Debezium still reads every INSERT from the WAL and the table stays empty, and writeToOutbox costs one
 * round trip to the database instead of two (docs/performance.md: round trips dominate the services' CPU).
 */
export class DeleteOutboxRowsOnInsert1764300000002 implements MigrationInterface {
  name = 'DeleteOutboxRowsOnInsert1764300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION outbox_delete_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM outbox WHERE id IN (SELECT id FROM inserted);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER outbox_delete_inserted AFTER INSERT ON outbox
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION outbox_delete_inserted()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_delete_inserted ON outbox`);
    await queryRunner.query(`DROP FUNCTION outbox_delete_inserted()`);
  }
}
