import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read model: one row per order, with the saga's outcome (`rejection_reason` of a rejected order). */
export class CreateOrderView1764300000200 implements MigrationInterface {
  name = 'CreateOrderView1764300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE order_view (
        order_id uuid PRIMARY KEY,
        customer_id varchar(64) NOT NULL,
        status varchar(32) NOT NULL,
        total numeric(14, 2) NOT NULL,
        item_count int NOT NULL,
        items jsonb NOT NULL,
        shipping_country char(2) NOT NULL,
        placed_at timestamptz NOT NULL,
        rejection_reason jsonb,
        last_event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX order_view_customer_idx ON order_view (customer_id, placed_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_view`);
  }
}
