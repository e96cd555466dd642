/**
 * What an absence rule does with a key, given its deadline and the earliest expected event's time (if one came):
 * `satisfied` when it came by the deadline (also before the start: topics interleave), `fire` with the expected
 * event's time when it came after, `wait` while none has come. The wall clock plays no part: it only decides when a
 * waiting key fires without one (the timer watcher).
 */
export type AbsenceDecision =
  | { readonly kind: 'satisfied' }
  | { readonly kind: 'fire'; readonly expectedAt: Date }
  | { readonly kind: 'wait' };

export function decideAbsence(deadlineAt: Date, expectedAt: Date | null): AbsenceDecision {
  if (expectedAt === null) return { kind: 'wait' };
  if (expectedAt.getTime() <= deadlineAt.getTime()) return { kind: 'satisfied' };
  return { kind: 'fire', expectedAt };
}

/** The deadline a start event opens: its event time plus the window. */
export const deadlineOf = (startedAt: Date, windowMs: number) => new Date(startedAt.getTime() + windowMs);
