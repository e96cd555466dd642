import type { Occurrence } from './cep-rule.js';

/**
 * The first set of `atLeast` occurrences whose event times lie within `windowMs` of each other (newest minus oldest
 * ≤ windowMs, both ends inclusive), oldest first, or null when there is none. Arrival order does not matter: the
 * occurrences are sorted by event time here. Of occurrences sharing a `distinctKey`, only the earliest counts.
 */
export function findCountMatch(
  occurrences: readonly Occurrence[],
  atLeast: number,
  windowMs: number,
): Occurrence[] | null {
  const byTime = [...occurrences].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.eventId.localeCompare(b.eventId),
  );
  const seen = new Set<string>();
  const counted = byTime.filter((o) => {
    if (o.distinctKey === null) return true;
    if (seen.has(o.distinctKey)) return false;
    seen.add(o.distinctKey);
    return true;
  });
  // In time order, a qualifying set exists if and only if some run of `atLeast` consecutive occurrences spans at
  // most the window: any qualifying set spans at least the run between its oldest and its atLeast-th.
  for (let first = 0; first + atLeast <= counted.length; first += 1) {
    const run = counted.slice(first, first + atLeast);
    const span = run[run.length - 1]!.occurredAt.getTime() - run[0]!.occurredAt.getTime();
    if (span <= windowMs) return run;
  }
  return null;
}
