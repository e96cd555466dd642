import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The state of the complex-event-processing rules (apps/projection-service/src/cep), so they survive restarts:
 *
 * - cep_occurrences: the events each rule counted or expects, by rule and key, with their event time;
 * - cep_key_state: a count rule's flag per key (flagged since, last cleared at, by whom);
 * - cep_timers: an absence rule's deadline per key (PENDING until the expected event or the deadline decides it);
 * - cep_firings: every event a rule emitted, with the event that caused it.
 *
 * Not a view: the rules publish, so their state is never rebuilt from the log. No serial columns, no foreign keys,
 * like every table of the read side.
 */
export class CreateCepState1764300000230 implements MigrationInterface {
  name = 'CreateCepState1764300000230';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cep_occurrences (
        rule varchar(64) NOT NULL,
        key text NOT NULL,
        event_id uuid NOT NULL,
        type varchar(64) NOT NULL,
        occurred_at timestamptz NOT NULL,
        distinct_key text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (rule, key, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX cep_occurrences_time_idx ON cep_occurrences (rule, key, type, occurred_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE cep_key_state (
        rule varchar(64) NOT NULL,
        key text NOT NULL,
        flagged_since timestamptz,
        flag_event_id uuid,
        cleared_at timestamptz,
        cleared_by varchar(100),
        clear_note varchar(500),
        clear_event_id uuid,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (rule, key)
      )`);
    await queryRunner.query(
      `CREATE INDEX cep_key_state_flagged_idx ON cep_key_state (flagged_since) WHERE flagged_since IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE cep_timers (
        rule varchar(64) NOT NULL,
        key text NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'SATISFIED', 'FIRED')),
        start_event_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        correlation_id text NOT NULL,
        traceparent text,
        expected_event_id uuid,
        expected_at timestamptz,
        resolved_at timestamptz,
        fired_event_id uuid,
        PRIMARY KEY (rule, key)
      )`);
    await queryRunner.query(
      `CREATE INDEX cep_timers_due_idx ON cep_timers (due_at) WHERE status = 'PENDING'`,
    );
    await queryRunner.query(`
      CREATE TABLE cep_firings (
        event_id uuid PRIMARY KEY,
        rule varchar(64) NOT NULL,
        key text NOT NULL,
        type varchar(64) NOT NULL,
        fired_at timestamptz NOT NULL,
        cause_event_id uuid NOT NULL,
        payload jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX cep_firings_key_idx ON cep_firings (rule, key, fired_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['cep_firings', 'cep_timers', 'cep_key_state', 'cep_occurrences']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
