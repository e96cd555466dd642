/**
 * Whether POST /orders may start one more saga: a pure function of the last reading of the backlog, what this
 * process admitted since that reading and the limit. The estimate never counts less than this process's own work
 * (see AdmissionLedger); it misses only sagas that finished since the reading (so it refuses a little early, never
 * late) and what other instances admitted since (the margin docs/saga.md "Overload" states).
 */
export interface AdmissionInput {
  /** Sagas in flight (accepted, not finished) in the last count of order_sagas. */
  readonly reading: number;
  /** Placements admitted by this process that the reading may not include. */
  readonly admittedSince: number;
  readonly limit: number;
  readonly retryAfterS: number;
}

export interface Admit {
  readonly admit: true;
  /** The backlog estimate before this placement. */
  readonly backlog: number;
}

export interface Refuse {
  readonly admit: false;
  readonly backlog: number;
  readonly limit: number;
  readonly retryAfterS: number;
}

export type AdmissionDecision = Admit | Refuse;

export function decideAdmission({
  reading,
  admittedSince,
  limit,
  retryAfterS,
}: AdmissionInput): AdmissionDecision {
  const backlog = reading + admittedSince;
  return backlog < limit ? { admit: true, backlog } : { admit: false, backlog, limit, retryAfterS };
}
