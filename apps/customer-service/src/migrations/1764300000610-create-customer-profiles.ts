import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer's profile, enriched back from the read side (PurchaseEnriched on projection.events): one row per order
 * bought (`customer_purchases`, keyed by the order id, so an order counts once whatever events announce it) and the
 * totals per customer (`customer_profiles`), updated in the transaction that records a new purchase.
 */
export class CreateCustomerProfiles1764300000610 implements MigrationInterface {
  name = 'CreateCustomerProfiles1764300000610';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE customer_purchases (
        order_id uuid PRIMARY KEY,
        customer_id varchar(64) NOT NULL,
        total numeric(14, 2) NOT NULL CHECK (total >= 0),
        item_count int NOT NULL CHECK (item_count > 0),
        items jsonb NOT NULL,
        approved_at timestamptz NOT NULL,
        event_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // GET /customers/{id}: the latest purchases of one customer.
    await queryRunner.query(
      `CREATE INDEX customer_purchases_latest_idx ON customer_purchases (customer_id, approved_at DESC, order_id DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE customer_profiles (
        customer_id varchar(64) PRIMARY KEY,
        order_count int NOT NULL CHECK (order_count >= 0),
        lifetime_value numeric(16, 2) NOT NULL CHECK (lifetime_value >= 0),
        last_purchase_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customer_profiles`);
    await queryRunner.query(`DROP TABLE customer_purchases`);
  }
}
