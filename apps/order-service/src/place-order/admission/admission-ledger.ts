/** A count of order_sagas in flight, and what the ledger knew when the count's query was sent. */
export interface BacklogReading {
  readonly inFlight: number;
  /** When the query was sent (epoch ms): the reading's age counts from here. */
  readonly takenAt: number;
  /** `placed` when the query was sent: every placement counted by then had committed before the query's snapshot. */
  readonly mark: number;
}

export interface ReadingTicket {
  readonly takenAt: number;
  readonly mark: number;
}

/**
 * The bookkeeping that keeps a cached backlog reading honest between counts, in one process. A placement is
 * `entered` when admitted, in the same synchronous step as the decision, so racing requests see each other; it
 * `leaves` when its transaction has ended. Admitted since the reading = still in flight + left as placed after the
 * reading's query was sent. A placement that committed just before the query's snapshot may be counted twice until
 * the next reading: the estimate errs on the side of refusing. No I/O, no clock: the caller passes the time.
 */
export class AdmissionLedger {
  private last: BacklogReading | null = null;
  private inFlight = 0;
  /** Placements that ended possibly having started a saga; only ever grows. */
  private placed = 0;

  get reading(): BacklogReading | null {
    return this.last;
  }

  isFresh(now: number, maxAgeMs: number): boolean {
    return this.last !== null && now - this.last.takenAt < maxAgeMs;
  }

  /** Call right before sending the count query. */
  beginReading(now: number): ReadingTicket {
    return { takenAt: now, mark: this.placed };
  }

  /** Call with the count's result; an answer older than the reading already kept is dropped. */
  endReading(ticket: ReadingTicket, inFlight: number): void {
    if (this.last && this.last.takenAt > ticket.takenAt) return;
    this.last = { inFlight, takenAt: ticket.takenAt, mark: ticket.mark };
  }

  admittedSince(): number {
    return this.inFlight + this.placed - (this.last?.mark ?? 0);
  }

  enter(): void {
    this.inFlight += 1;
  }

  /** `possiblyPlaced`: false only when the placement is known to have written nothing (a replay). */
  leave(possiblyPlaced: boolean): void {
    this.inFlight -= 1;
    if (possiblyPlaced) this.placed += 1;
  }
}
