import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateInventoryTables1764300000400 implements MigrationInterface {
  name = 'CreateInventoryTables1764300000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The checks are the last line of defence against overselling: even a buggy statement cannot commit a negative
    // availability, it fails instead.
    await queryRunner.query(`
      CREATE TABLE stock (
        sku varchar(64) PRIMARY KEY,
        name varchar(200) NOT NULL,
        on_hand int NOT NULL CONSTRAINT stock_on_hand_not_negative CHECK (on_hand >= 0),
        reserved int NOT NULL DEFAULT 0 CONSTRAINT stock_reserved_not_negative CHECK (reserved >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
      )`);
    // One row per order that ever reached this service: the outcome replayed to retries, and the tombstone
    // (RELEASED without reservation_id) left by a release that came before its reserve.
    await queryRunner.query(`
      CREATE TABLE reservations (
        order_id uuid PRIMARY KEY,
        reservation_id uuid UNIQUE,
        status varchar(16) NOT NULL
          CONSTRAINT reservations_status_known CHECK (status IN ('RESERVED', 'RELEASED', 'FAILED')),
        failure_code varchar(32),
        failure_detail text,
        failure_sku varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reservations_reserved_has_id CHECK (status <> 'RESERVED' OR reservation_id IS NOT NULL),
        CONSTRAINT reservations_failure_only_when_failed CHECK ((status = 'FAILED') = (failure_code IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE reservation_lines (
        order_id uuid NOT NULL REFERENCES reservations (order_id),
        sku varchar(64) NOT NULL REFERENCES stock (sku),
        quantity int NOT NULL CONSTRAINT reservation_lines_quantity_positive CHECK (quantity > 0),
        PRIMARY KEY (order_id, sku)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reservation_lines`);
    await queryRunner.query(`DROP TABLE reservations`);
    await queryRunner.query(`DROP TABLE stock`);
  }
}
