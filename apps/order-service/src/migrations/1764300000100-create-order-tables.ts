import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order's event stream (`order_events`, the only state of an order), the idempotency keys of `POST /orders` and
 * the saga state per order (`order_sagas`; see saga/order-saga.state.ts for what each column means).
 */
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
    await queryRunner.query(`
      CREATE TABLE order_sagas (
        order_id uuid PRIMARY KEY,
        correlation_id varchar(255) NOT NULL,
        phase varchar(16) NOT NULL CHECK (phase IN ('RUNNING', 'COMPENSATING', 'APPROVED', 'REJECTED')),
        step varchar(16) CHECK (step IN ('PAYMENT', 'INVENTORY', 'SHIPPING')),
        attempts int NOT NULL CHECK (attempts >= 0),
        deadline_at timestamptz,
        completed_steps jsonb NOT NULL DEFAULT '[]',
        pending_compensations jsonb NOT NULL DEFAULT '[]',
        done_compensations jsonb NOT NULL DEFAULT '[]',
        rejection jsonb,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        finished_at timestamptz,
        CHECK ((phase IN ('APPROVED', 'REJECTED')) = (deadline_at IS NULL))
      )`);
    // The deadline watcher's query: only unfinished sagas have a deadline, so the partial index stays small.
    await queryRunner.query(
      `CREATE INDEX order_sagas_deadline_idx ON order_sagas (deadline_at) WHERE deadline_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_sagas`);
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP TABLE order_events`);
  }
}
