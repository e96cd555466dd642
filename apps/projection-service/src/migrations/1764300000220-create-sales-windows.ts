import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sales view (docs/patterns/stream-processing.md): sales per SKU in one-minute event-time windows, the watermark
 * of each (partition, SKU) stream, and the order lines and approvals a sale is made of. Like every view's tables:
 * no serial columns, no foreign keys, no defaults the handlers rely on (a rebuild copies the shapes).
 */
export class CreateSalesWindows1764300000220 implements MigrationInterface {
  name = 'CreateSalesWindows1764300000220';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per (order, SKU) from OrderPlaced; the sale columns are filled once, when the order is approved.
    await queryRunner.query(`
      CREATE TABLE sales_order_lines (
        order_id uuid NOT NULL,
        sku varchar(64) NOT NULL,
        units int NOT NULL,
        revenue numeric(14, 2) NOT NULL,
        event_time timestamptz,
        window_start timestamptz,
        outcome varchar(16),
        source_partition int,
        watermark timestamptz,
        PRIMARY KEY (order_id, sku)
      )`);
    await queryRunner.query(
      `CREATE INDEX sales_order_lines_too_late_idx ON sales_order_lines (sku, window_start) WHERE outcome = 'too-late'`,
    );
    // OrderApproved, kept so that a sale is also counted when its OrderPlaced arrives after it (a redriven record).
    await queryRunner.query(`
      CREATE TABLE sales_approvals (
        order_id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        approved_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE sales_windows (
        sku varchar(64) NOT NULL,
        window_start timestamptz NOT NULL,
        units bigint NOT NULL,
        revenue numeric(16, 2) NOT NULL,
        orders int NOT NULL,
        late_updates int NOT NULL,
        too_late_count int NOT NULL,
        too_late_units bigint NOT NULL,
        too_late_revenue numeric(16, 2) NOT NULL,
        first_event_at timestamptz NOT NULL,
        last_event_at timestamptz NOT NULL,
        PRIMARY KEY (sku, window_start)
      )`);
    await queryRunner.query(`CREATE INDEX sales_windows_start_idx ON sales_windows (window_start DESC, sku)`);
    await queryRunner.query(`
      CREATE TABLE sales_watermarks (
        sku varchar(64) NOT NULL,
        topic varchar(128) NOT NULL,
        partition int NOT NULL,
        max_event_time timestamptz NOT NULL,
        PRIMARY KEY (sku, topic, partition)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['sales_watermarks', 'sales_windows', 'sales_approvals', 'sales_order_lines']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
