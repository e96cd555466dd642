import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInboxTable1764300000001 implements MigrationInterface {
  name = 'CreateInboxTable1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inbox (
        message_id varchar(255) PRIMARY KEY,
        topic varchar(255) NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox`);
  }
}
