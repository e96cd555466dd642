import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateOrderView1764300000200 } from './1764300000200-create-order-view.js';

/**
 * The read side of the whole system: the order view (now fed by every service's events), the customer view, the
 * feed of view changes and the enrichment's record of what it published.
 *
 * order_view is recreated empty: a read model's shape changed, and its rows come from the log, not from here. On a
 * database that had the earlier order_view, projection-service refills it from the log at its next boot, because
 * the view's version is not recorded yet (rebuild/view-versions.ts).
 *
 * No table of a view uses serial columns or foreign keys: a rebuild copies each table's shape into a scratch schema
 * and swaps the copies in (rebuild/table-shape.ts).
 */
export class CreateReadSide1764300000210 implements MigrationInterface {
  name = 'CreateReadSide1764300000210';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_view`);
    await queryRunner.query(`
      CREATE TABLE order_view (
        order_id uuid PRIMARY KEY,
        customer_id varchar(64),
        status varchar(32),
        total numeric(14, 2),
        item_count int,
        items jsonb,
        shipping_address jsonb,
        placed_at timestamptz,
        rejection_reason jsonb,
        payment jsonb,
        reservation jsonb,
        shipment jsonb,
        label jsonb,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX order_view_placed_idx ON order_view (placed_at DESC, order_id DESC) WHERE placed_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX order_view_customer_idx ON order_view (customer_id, placed_at DESC, order_id DESC) WHERE placed_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX order_view_status_idx ON order_view (status, placed_at DESC, order_id DESC) WHERE placed_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE order_view_timeline (
        order_id uuid NOT NULL,
        event_id uuid NOT NULL,
        type varchar(64) NOT NULL,
        topic varchar(128) NOT NULL,
        occurred_at timestamptz NOT NULL,
        detail jsonb NOT NULL,
        PRIMARY KEY (order_id, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE order_view_customers (
        customer_id varchar(64) PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE customer_view (
        customer_id varchar(64) PRIMARY KEY,
        status varchar(16) NOT NULL,
        name text,
        email text,
        credit_limit numeric(14, 2),
        registered_at timestamptz,
        activated_at timestamptz,
        failure jsonb,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE customer_view_orders (
        order_id uuid PRIMARY KEY,
        customer_id varchar(64),
        status varchar(32),
        total numeric(14, 2),
        item_count int,
        items jsonb,
        placed_at timestamptz,
        decided_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX customer_view_orders_customer_idx ON customer_view_orders (customer_id, decided_at DESC)`,
    );

    await queryRunner.query(`
      CREATE TABLE view_changes (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        view varchar(32) NOT NULL,
        key text NOT NULL,
        kind varchar(32) NOT NULL,
        event_id uuid,
        event_time timestamptz,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        data jsonb NOT NULL
      )`);
    // Before the sequence is drawn, a statement takes the feed's transaction lock: writers of view_changes commit in
    // sequence order, so a reader that has seen id N can never later find a smaller id committed (Last-Event-ID
    // resume loses nothing). After the statement, listeners (the SSE feed) are woken; Postgres delivers the
    // notification on commit and folds repeats within one transaction into one.
    await queryRunner.query(`
      CREATE FUNCTION view_changes_serialize() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('view_changes'));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION view_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('view_changes', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER view_changes_serialize BEFORE INSERT ON view_changes FOR EACH STATEMENT EXECUTE FUNCTION view_changes_serialize()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER view_changes_notify AFTER INSERT ON view_changes FOR EACH STATEMENT EXECUTE FUNCTION view_changes_notify()`,
    );

    await queryRunner.query(`
      CREATE TABLE purchase_enrichments (
        order_id uuid PRIMARY KEY,
        customer_id varchar(64) NOT NULL,
        approved_at timestamptz NOT NULL,
        published_event_id uuid,
        published_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX purchase_enrichments_waiting_idx ON purchase_enrichments (customer_id) WHERE published_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'purchase_enrichments',
      'view_changes',
      'customer_view_orders',
      'customer_view',
      'order_view_customers',
      'order_view_timeline',
      'order_view',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION view_changes_notify()`);
    await queryRunner.query(`DROP FUNCTION view_changes_serialize()`);
    await new CreateOrderView1764300000200().up(queryRunner);
  }
}
