import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Saga state per order; see saga/order-saga.state.ts for what each column means. */
export class CreateOrderSagas1764300000101 implements MigrationInterface {
  name = 'CreateOrderSagas1764300000101';

  async up(queryRunner: QueryRunner): Promise<void> {
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
  }
}
