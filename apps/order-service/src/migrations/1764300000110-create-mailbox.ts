import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rendered confirmation mails, one per confirmation task (the primary key). A mail gateway would send from here;
 * `times_stored` makes a result stored twice visible (it must stay 1: TaskRunner stores each result once).
 */
export class CreateMailbox1764300000110 implements MigrationInterface {
  name = 'CreateMailbox1764300000110';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mailbox (
        task_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        customer_id varchar(255) NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        rendered_by varchar(255) NOT NULL,
        times_stored int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX mailbox_order ON mailbox (order_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mailbox`);
  }
}
