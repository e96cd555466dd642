import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rendered labels, written by the label workers (apps/label-worker, which share this database: ADR 0007) and
 * served by GET /shipments/{orderId}/label. One row per label task: the primary key and `times_stored` make a
 * result stored twice visible instead of silently overwritten (it must stay 1; TaskRunner stores each result once).
 */
export class CreateShippingLabels1764300000510 implements MigrationInterface {
  name = 'CreateShippingLabels1764300000510';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE shipping_labels (
        task_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        tracking_number varchar(64) NOT NULL,
        pdf bytea NOT NULL,
        rendered_by varchar(255) NOT NULL,
        times_stored int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shipping_labels_pdf_check CHECK (substring(pdf from 1 for 5) = '%PDF-'::bytea)
      )`);
    await queryRunner.query(`CREATE INDEX shipping_labels_order ON shipping_labels (order_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE shipping_labels`);
  }
}
