/**
 * The arithmetic of the sales windows (docs/patterns/stream-processing.md), without I/O: which window a sale falls
 * in, and whether it arrives on time, late (its window still takes it) or too late (its window is closed), measured
 * against the watermark of its stream.
 */

/** One-minute tumbling windows: [start, start + 1 min). */
export const WINDOW_MS = 60_000;

/**
 * The start of the window holding `eventTime`: the minute it falls in. The same as Postgres'
 * `date_bin('1 minute', t, '2000-01-01')`, since the Unix epoch and 2000-01-01 are both on a minute boundary.
 */
export const windowStartOf = (eventTime: Date): Date =>
  new Date(Math.floor(eventTime.getTime() / WINDOW_MS) * WINDOW_MS);

export const windowEndOf = (windowStart: Date): Date => new Date(windowStart.getTime() + WINDOW_MS);

/**
 * - `on-time`: its window has not ended by the stream's event time yet (window end after the latest event time seen);
 * - `late`: its window has ended by event time, but less than the allowed lateness ago: the window still takes it;
 * - `too-late`: the window ended at or before the watermark (latest event time seen minus the allowed lateness): it
 *   no longer changes the window's figures and is only counted beside them.
 */
export type SaleOutcome = 'on-time' | 'late' | 'too-late';

export interface Classified {
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly outcome: SaleOutcome;
  /** The watermark the sale was measured against (before it advanced it); null for the stream's first sale. */
  readonly watermark: Date | null;
  /** The stream's latest event time once this sale is taken in: it only ever moves forward. */
  readonly maxEventTime: Date;
}

/** The watermark of a stream whose latest event time is `maxEventTime`. */
export const watermarkOf = (maxEventTime: Date, allowedLatenessMs: number): Date =>
  new Date(maxEventTime.getTime() - allowedLatenessMs);

/**
 * Classifies one sale of a stream (here: one SKU on one partition) whose latest event time so far is
 * `maxEventTimeBefore` (null: none yet), and advances the stream's event time.
 */
export function classifySale(
  eventTime: Date,
  maxEventTimeBefore: Date | null,
  allowedLatenessMs: number,
): Classified {
  const windowStart = windowStartOf(eventTime);
  const windowEnd = windowEndOf(windowStart);
  if (maxEventTimeBefore === null) {
    return { windowStart, windowEnd, outcome: 'on-time', watermark: null, maxEventTime: eventTime };
  }
  const watermark = watermarkOf(maxEventTimeBefore, allowedLatenessMs);
  const end = windowEnd.getTime();
  const outcome: SaleOutcome =
    end > maxEventTimeBefore.getTime() ? 'on-time' : end > watermark.getTime() ? 'late' : 'too-late';
  const maxEventTime = eventTime.getTime() > maxEventTimeBefore.getTime() ? eventTime : maxEventTimeBefore;
  return { windowStart, windowEnd, outcome, watermark, maxEventTime };
}

/**
 * Whether a window is final: every sale of its SKU that could still arrive on a stream that has seen the SKU would
 * be too late, i.e. the watermark has reached the window's end on each of them (their latest event time is at least
 * end + allowed lateness). A stream that has not seen the SKU yet would take its first sale on time: this is final as
 * far as the streams seen so far go.
 */
export function isFinal(
  windowStart: Date,
  maxEventTimes: readonly Date[],
  allowedLatenessMs: number,
): boolean {
  const end = windowEndOf(windowStart).getTime();
  return (
    maxEventTimes.length > 0 &&
    maxEventTimes.every((max) => watermarkOf(max, allowedLatenessMs).getTime() >= end)
  );
}

export interface SaleLine {
  readonly sku: string;
  readonly units: number;
  /** Revenue of the line in cents: whole numbers, so sums are exact. */
  readonly cents: number;
}

/**
 * An order's items as sales per SKU: lines of one SKU summed (an order may list a SKU twice), sorted by SKU so
 * rows are always locked in the same order.
 */
export function saleLinesOf(
  items: readonly { sku: string; quantity: number; unitPrice: number }[],
): SaleLine[] {
  const bySku = new Map<string, { units: number; cents: number }>();
  for (const item of items) {
    const line = bySku.get(item.sku) ?? { units: 0, cents: 0 };
    line.units += item.quantity;
    line.cents += item.quantity * Math.round(item.unitPrice * 100);
    bySku.set(item.sku, line);
  }
  return [...bySku.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, line]) => ({ sku, ...line }));
}

/** Cents as a decimal string for a numeric column, without going through a binary fraction. */
export const centsAsDecimal = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
