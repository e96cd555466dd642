import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which version of each view's projection its rows were built by (read-model/view-versions.ts). */
export class CreateViewVersions1764300000240 implements MigrationInterface {
  name = 'CreateViewVersions1764300000240';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE view_versions (
        view varchar(32) PRIMARY KEY,
        version int NOT NULL,
        built_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE view_versions`);
  }
}
