import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `tasks` table of a service that enqueues tasks (and of its workers, which share its database). The check
 * constraints keep the states consistent with their timestamps; the index serves "the label task of order X".
 */
export class CreateTasksTable1764300000700 implements MigrationInterface {
  name = 'CreateTasksTable1764300000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tasks (
        task_id uuid PRIMARY KEY,
        kind varchar(64) NOT NULL,
        subject_id varchar(255) NOT NULL,
        state varchar(16) NOT NULL DEFAULT 'QUEUED',
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        worker_id varchar(255),
        queued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CONSTRAINT tasks_state_check CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        CONSTRAINT tasks_attempts_check CHECK (attempts >= 0),
        CONSTRAINT tasks_finished_has_time CHECK (state NOT IN ('DONE', 'FAILED') OR finished_at IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX tasks_kind_subject ON tasks (kind, subject_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE tasks`);
  }
}
