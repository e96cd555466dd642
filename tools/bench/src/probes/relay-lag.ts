import type { SeenRecord } from '../kafka/record-stream.js';
import { type Summary, summarize } from '../stats.js';

/** One relayed record's times: written into the envelope, stamped on the record, seen by the bench. */
export interface RelaySample {
  /** The service whose outbox (connector) relayed it. */
  readonly producer: string;
  readonly occurredAt: number;
  readonly recordTimestamp: number;
  readonly receivedAt: number;
}

/** The sample of a record, or null when its envelope carries no usable `occurredAt`. */
export function relaySample(record: SeenRecord, producer: string | undefined): RelaySample | null {
  const occurred = record.envelope?.occurredAt;
  if (!producer || typeof occurred !== 'string') return null;
  const occurredAt = Date.parse(occurred);
  if (!Number.isFinite(occurredAt) || !Number.isFinite(record.recordTimestamp)) return null;
  return { producer, occurredAt, recordTimestamp: record.recordTimestamp, receivedAt: record.receivedAt };
}

export interface RelayLag {
  /** Record timestamp − occurredAt (see report/definitions.ts for what the record timestamp is). */
  readonly toRecordTimestamp: Summary | null;
  /** Seen by the bench's consumer − occurredAt: an upper bound of commit → record in Kafka. */
  readonly toBenchConsumer: Summary | null;
}

export interface RelayLagFigures extends RelayLag {
  /** The same per connector (the service whose outbox wrote the records). */
  readonly byProducer: Readonly<Record<string, RelayLag>>;
}

const lagOf = (samples: readonly RelaySample[]): RelayLag => ({
  toRecordTimestamp: summarize(samples.map((s) => s.recordTimestamp - s.occurredAt)),
  toBenchConsumer: summarize(samples.map((s) => s.receivedAt - s.occurredAt)),
});

/** Relay lag of the records seen in [from, to] (bench clock). */
export function relayLagBetween(samples: readonly RelaySample[], from: number, to: number): RelayLagFigures {
  const inWindow = samples.filter((s) => s.receivedAt >= from && s.receivedAt <= to);
  const producers = [...new Set(inWindow.map((s) => s.producer))].sort();
  return {
    ...lagOf(inWindow),
    byProducer: Object.fromEntries(
      producers.map((p) => [p, lagOf(inWindow.filter((s) => s.producer === p))]),
    ),
  };
}
