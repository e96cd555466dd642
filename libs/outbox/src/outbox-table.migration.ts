import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of a service that publishes (see PlatformModule). Adds the table to the `edr_outbox` publication that
 * infra/postgres/init.sql creates (owned by the service role), so Debezium only ever sees outbox rows, never the
 * service's own tables. Each row names its topic in `destination` (taken from the message catalog by
 * writeToOutbox), which the Debezium router routes by (route.by.field=destination): commands travel on
 * `<service>.commands`, so the topic cannot be derived from `aggregatetype`.
 */
export class CreateOutboxTable1764300000000 implements MigrationInterface {
  name = 'CreateOutboxTable1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        aggregatetype varchar(255) NOT NULL,
        aggregateid varchar(255) NOT NULL,
        type varchar(255) NOT NULL,
        payload jsonb NOT NULL,
        correlation_id varchar(255) NOT NULL,
        causation_id varchar(255),
        traceparent varchar(255),
        created_at timestamptz NOT NULL DEFAULT now(),
        destination varchar(255) NOT NULL
      )`);
    // REPLICA IDENTITY stays default: Debezium only needs the INSERTs; deletes are dropped by the router anyway.
    await queryRunner.query(`ALTER PUBLICATION edr_outbox ADD TABLE outbox`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER PUBLICATION edr_outbox DROP TABLE outbox`);
    await queryRunner.query(`DROP TABLE outbox`);
  }
}
