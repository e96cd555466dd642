import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per order, whatever happened to it: the primary key is what makes ScheduleShipment idempotent per order
 * (a retried command finds the row and re-sends its outcome) and what lets a CancelShipment that overtook its
 * ScheduleShipment leave a tombstone. Address, items and carrier data are null only on such tombstones.
 */
export class CreateShipments1764300000500 implements MigrationInterface {
  name = 'CreateShipments1764300000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE shipments (
        order_id uuid PRIMARY KEY,
        shipment_id uuid UNIQUE,
        status varchar(16) NOT NULL,
        carrier varchar(64),
        tracking_number varchar(64),
        country char(2),
        address jsonb,
        items jsonb,
        failure_code varchar(64),
        failure_detail text,
        scheduled_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shipments_status_check CHECK (status IN ('SCHEDULED', 'FAILED', 'CANCELLED')),
        CONSTRAINT shipments_scheduled_complete CHECK (
          status <> 'SCHEDULED'
          OR (shipment_id IS NOT NULL AND carrier IS NOT NULL AND tracking_number IS NOT NULL AND scheduled_at IS NOT NULL)
        ),
        CONSTRAINT shipments_failed_has_code CHECK (status <> 'FAILED' OR failure_code IS NOT NULL),
        CONSTRAINT shipments_cancelled_has_time CHECK (status <> 'CANCELLED' OR cancelled_at IS NOT NULL)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE shipments`);
  }
}
