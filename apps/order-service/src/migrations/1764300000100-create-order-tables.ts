import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrderTables1764300000100 implements MigrationInterface {
  name = 'CreateOrderTables1764300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE order_events (
        stream_id uuid NOT NULL,
        version int NOT NULL CHECK (version > 0),
        event_id uuid NOT NULL UNIQUE,
        type varchar(255) NOT NULL,
        schema_version int NOT NULL,
        payload jsonb NOT NULL,
        correlation_id varchar(255) NOT NULL,
        causation_id varchar(255),
        occurred_at timestamptz NOT NULL,
        CONSTRAINT order_events_pkey PRIMARY KEY (stream_id, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        key varchar(255) PRIMARY KEY,
        request_hash char(64) NOT NULL,
        order_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP TABLE order_events`);
  }
}
