import type { EntityManager } from 'typeorm';
import type { Occurrence } from './cep-rule.js';

/**
 * The CEP state in Postgres (migration 1764300000230): occurrences, per-rule-and-key flags, timers and the log of
 * firings. Every function runs in the caller's transaction.
 */

/**
 * Serializes everything one rule does for one key: a customer's declines arrive on several partitions (payment.events
 * is keyed by order), an order's approval and label on two topics, and the timer watcher runs beside them. Without
 * it, two transactions could each record an occurrence without seeing the other's and neither would fire.
 */
export async function lockKey(tx: EntityManager, rule: string, key: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`cep:${rule}:${key}`]);
}

/** As lockKey, without waiting: false when another transaction holds the key. */
export async function tryLockKey(tx: EntityManager, rule: string, key: string): Promise<boolean> {
  const [row]: Array<{ locked: boolean }> = await tx.query(
    `SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`,
    [`cep:${rule}:${key}`],
  );
  return row?.locked === true;
}

/** Records an occurrence; false when this event was recorded for the rule and key before. */
export async function recordOccurrence(
  tx: EntityManager,
  rule: string,
  key: string,
  occurrence: Occurrence,
): Promise<boolean> {
  const inserted: unknown[] = await tx.query(
    `INSERT INTO cep_occurrences (rule, key, event_id, type, occurred_at, distinct_key)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (rule, key, event_id) DO NOTHING
     RETURNING event_id`,
    [rule, key, occurrence.eventId, occurrence.type, occurrence.occurredAt, occurrence.distinctKey],
  );
  return inserted.length > 0;
}

interface OccurrenceRow {
  event_id: string;
  type: string;
  occurred_at: Date;
  distinct_key: string | null;
}

const occurrenceOf = (row: OccurrenceRow): Occurrence => ({
  eventId: row.event_id,
  type: row.type,
  occurredAt: row.occurred_at,
  distinctKey: row.distinct_key,
});

/** The key's occurrences of `type` with an event time after `after` (all when null). */
export async function occurrencesAfter(
  tx: EntityManager,
  rule: string,
  key: string,
  type: string,
  after: Date | null,
): Promise<Occurrence[]> {
  const rows: OccurrenceRow[] = await tx.query(
    `SELECT event_id, type, occurred_at, distinct_key FROM cep_occurrences
      WHERE rule = $1 AND key = $2 AND type = $3 AND ($4::timestamptz IS NULL OR occurred_at > $4)
      ORDER BY occurred_at, event_id`,
    [rule, key, type, after],
  );
  return rows.map(occurrenceOf);
}

/** The key's earliest occurrence of `type` by event time, or null. */
export async function earliestOccurrence(
  tx: EntityManager,
  rule: string,
  key: string,
  type: string,
): Promise<Occurrence | null> {
  const [row]: OccurrenceRow[] = await tx.query(
    `SELECT event_id, type, occurred_at, distinct_key FROM cep_occurrences
      WHERE rule = $1 AND key = $2 AND type = $3 ORDER BY occurred_at, event_id LIMIT 1`,
    [rule, key, type],
  );
  return row ? occurrenceOf(row) : null;
}

/** A count rule's state for one key. */
export interface KeyState {
  /** Since when the key is flagged (wall clock); null when it is not. */
  readonly flaggedSince: Date | null;
  readonly flagEventId: string | null;
  /** The last clear (wall clock): only occurrences with a later event time count towards the next flag. */
  readonly clearedAt: Date | null;
}

export async function keyState(tx: EntityManager, rule: string, key: string): Promise<KeyState> {
  const [row]: Array<{ flagged_since: Date | null; flag_event_id: string | null; cleared_at: Date | null }> =
    await tx.query(
      `SELECT flagged_since, flag_event_id, cleared_at FROM cep_key_state WHERE rule = $1 AND key = $2`,
      [rule, key],
    );
  return {
    flaggedSince: row?.flagged_since ?? null,
    flagEventId: row?.flag_event_id ?? null,
    clearedAt: row?.cleared_at ?? null,
  };
}

export async function markFlagged(
  tx: EntityManager,
  rule: string,
  key: string,
  flagEventId: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO cep_key_state (rule, key, flagged_since, flag_event_id, updated_at) VALUES ($1, $2, $4, $3, $4)
     ON CONFLICT (rule, key) DO UPDATE SET flagged_since = $4, flag_event_id = $3, updated_at = $4`,
    [rule, key, flagEventId, at],
  );
}

export interface Clear {
  readonly clearedBy: string;
  readonly note: string | null;
  readonly clearEventId: string;
  readonly at: Date;
}

/** Clears the key's flag; false when it was not flagged. */
export async function markCleared(
  tx: EntityManager,
  rule: string,
  key: string,
  clear: Clear,
): Promise<boolean> {
  const updated: unknown[] = await tx.query(
    `UPDATE cep_key_state
        SET flagged_since = NULL, cleared_at = $3, cleared_by = $4, clear_note = $5, clear_event_id = $6,
            updated_at = $3
      WHERE rule = $1 AND key = $2 AND flagged_since IS NOT NULL
      RETURNING key`,
    [rule, key, clear.at, clear.clearedBy, clear.note, clear.clearEventId],
  );
  // node-postgres answers an UPDATE … RETURNING with [rows, count].
  const rows = Array.isArray(updated[0]) ? (updated[0] as unknown[]) : updated;
  return rows.length > 0;
}

/** An absence rule's timer for one key. */
export interface Timer {
  readonly rule: string;
  readonly key: string;
  readonly status: 'PENDING' | 'SATISFIED' | 'FIRED';
  readonly startEventId: string;
  readonly startedAt: Date;
  readonly dueAt: Date;
  /** Of the start event: the firing by the watcher belongs to it. */
  readonly correlationId: string;
  readonly traceparent: string | null;
}

export type NewTimer = Omit<Timer, 'status'>;

/** Opens the key's timer; false when the key has one already (a later start changes nothing). */
export async function openTimer(tx: EntityManager, timer: NewTimer): Promise<boolean> {
  const inserted: unknown[] = await tx.query(
    `INSERT INTO cep_timers (rule, key, status, start_event_id, started_at, due_at, correlation_id, traceparent)
     VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $7)
     ON CONFLICT (rule, key) DO NOTHING
     RETURNING key`,
    [
      timer.rule,
      timer.key,
      timer.startEventId,
      timer.startedAt,
      timer.dueAt,
      timer.correlationId,
      timer.traceparent,
    ],
  );
  return inserted.length > 0;
}

interface TimerRow {
  rule: string;
  key: string;
  status: Timer['status'];
  start_event_id: string;
  started_at: Date;
  due_at: Date;
  correlation_id: string;
  traceparent: string | null;
}

const timerOf = (row: TimerRow): Timer => ({
  rule: row.rule,
  key: row.key,
  status: row.status,
  startEventId: row.start_event_id,
  startedAt: row.started_at,
  dueAt: row.due_at,
  correlationId: row.correlation_id,
  traceparent: row.traceparent,
});

/** The key's timer under its row lock, or null. */
export async function lockTimer(tx: EntityManager, rule: string, key: string): Promise<Timer | null> {
  const [row]: TimerRow[] = await tx.query(
    `SELECT rule, key, status, start_event_id, started_at, due_at, correlation_id, traceparent
       FROM cep_timers WHERE rule = $1 AND key = $2 FOR UPDATE`,
    [rule, key],
  );
  return row ? timerOf(row) : null;
}

/** Remembers the expected event on the key's timer (the first one that came), whatever its status. */
export async function noteExpected(
  tx: EntityManager,
  rule: string,
  key: string,
  expected: Occurrence,
): Promise<void> {
  await tx.query(
    `UPDATE cep_timers SET expected_event_id = $3, expected_at = $4
      WHERE rule = $1 AND key = $2 AND (expected_at IS NULL OR expected_at > $4)`,
    [rule, key, expected.eventId, expected.occurredAt],
  );
}

export async function resolveTimer(
  tx: EntityManager,
  timer: Pick<Timer, 'rule' | 'key'>,
  status: 'SATISFIED' | 'FIRED',
  firedEventId: string | null,
): Promise<void> {
  await tx.query(
    `UPDATE cep_timers SET status = $3, resolved_at = now(), fired_event_id = $4 WHERE rule = $1 AND key = $2`,
    [timer.rule, timer.key, status, firedEventId],
  );
}

/**
 * Pending timers of `rules` due by `now`, earliest first. Only declared rules: a timer left by a rule removed since
 * would otherwise be due forever.
 */
export async function dueTimers(
  tx: EntityManager,
  rules: readonly string[],
  now: Date,
  limit: number,
): Promise<Array<Pick<Timer, 'rule' | 'key'>>> {
  return tx.query(
    `SELECT rule, key FROM cep_timers
      WHERE status = 'PENDING' AND rule = ANY($1) AND due_at <= $2 ORDER BY due_at LIMIT $3`,
    [rules, now, limit],
  );
}

/** The earliest deadline of a pending timer of `rules`. */
export async function nextTimerDue(tx: EntityManager, rules: readonly string[]): Promise<Date | null> {
  const [row]: Array<{ next: Date | null }> = await tx.query(
    `SELECT min(due_at) AS next FROM cep_timers WHERE status = 'PENDING' AND rule = ANY($1)`,
    [rules],
  );
  return row?.next ?? null;
}

export interface Firing {
  readonly eventId: string;
  readonly rule: string;
  readonly key: string;
  readonly type: string;
  readonly firedAt: Date;
  readonly causeEventId: string;
  readonly payload: Record<string, unknown>;
}

export async function logFiring(tx: EntityManager, firing: Firing): Promise<void> {
  await tx.query(
    `INSERT INTO cep_firings (event_id, rule, key, type, fired_at, cause_event_id, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      firing.eventId,
      firing.rule,
      firing.key,
      firing.type,
      firing.firedAt,
      firing.causeEventId,
      JSON.stringify(firing.payload),
    ],
  );
}
