import type { EntityManager } from 'typeorm';

/** One entry of the feed (GET /views/stream): what changed in which view, because of which event. */
export interface ViewChange {
  readonly view: string;
  /** The row's key in its view: an order id, a customer id, `<sku>@<window start>`. */
  readonly key: string;
  /** What happened, e.g. `updated`, `late-update`, `too-late`, `rebuilt`, `fired`, `cleared`. */
  readonly kind: string;
  readonly eventId?: string | null;
  /** The event time of the event that caused it; the feed's lag is the time from it to the change. */
  readonly eventTime?: string | Date | null;
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * Appends to view_changes in the caller's transaction, so the feed shows a change if and only if it committed. The
 * table's statement trigger takes a transaction-scoped lock before the sequence is drawn and notifies listeners on
 * commit: sequence order is commit order, so a reader resuming after id N never misses a smaller id.
 */
export async function recordViewChange(tx: EntityManager, change: ViewChange): Promise<void> {
  await tx.query(
    `INSERT INTO view_changes (view, key, kind, event_id, event_time, data) VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      change.view,
      change.key,
      change.kind,
      change.eventId ?? null,
      change.eventTime ?? null,
      JSON.stringify(change.data ?? {}),
    ],
  );
}

/**
 * Takes the feed's transaction lock now rather than at the first write to view_changes. The live consumer writes the
 * feed (views first) before a reactor takes its own locks; a transaction outside the consumer that takes such a lock
 * and then writes the feed (a CEP timer, an operator's clear) calls this first, so both take the two in one order and
 * cannot deadlock.
 */
export async function takeFeedLock(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('view_changes'))`);
}
