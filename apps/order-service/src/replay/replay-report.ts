import { Topics } from '@edr/contracts';
import type { OneSidedEvent, StreamDifference } from './compare-order.js';
import type { InvalidRecord } from './order-log.js';
import type { OrderOutcome } from './order-outcome.js';
import type { ReplayResult } from './replay-orders.js';

const MAX_VALUE_LENGTH = 60;

/** A value as JSON, shortened; `(absent)` for a field or element one side does not have. */
export const showValue = (value: unknown): string => {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
};

const showEvent = ({ version, type, eventId }: OneSidedEvent) => `v${version} ${type} ${eventId}`;

function streamLines({ onlyServed, onlyInLog }: StreamDifference): string[] {
  return [
    ...onlyServed.map((event) => `    in order_events, not on ${Topics.orderEvents}: ${showEvent(event)}`),
    ...onlyInLog.map((event) => `    on ${Topics.orderEvents}, not in order_events: ${showEvent(event)}`),
  ];
}

/** The lines for one order: `✓ <id> match …`, or `✗ <id> …` and what differs (pure). */
export function formatOutcome(outcome: OrderOutcome): string[] {
  const { orderId } = outcome;
  switch (outcome.kind) {
    case 'match':
      return [`✓ ${orderId} match (${outcome.replayed.version} events, ${outcome.replayed.status})`];
    case 'mismatch': {
      const rows = outcome.differences.map((d) => [d.path, showValue(d.log), showValue(d.served)] as const);
      const pathWidth = Math.max(...rows.map(([path]) => path.length));
      const logWidth = Math.max(...rows.map(([, log]) => log.length));
      return [
        `✗ ${orderId} mismatch: ${outcome.differences.length} field(s) differ (path, log, served)`,
        ...rows.map(
          ([path, log, served]) =>
            `    ${path.padEnd(pathWidth)}  log ${log.padEnd(logWidth)}  served ${served}`,
        ),
        ...(outcome.streams ? streamLines(outcome.streams) : []),
      ];
    }
    case 'unknown-to-get':
      return [
        `✗ ${orderId} unknown to GET /orders/{id} (404): the log holds ${outcome.events} event(s) of it, the first at ${outcome.firstPosition}`,
      ];
    case 'not-in-log':
      return [
        `✗ ${orderId} not on ${Topics.orderEvents}: GET serves it (version ${outcome.servedVersion ?? '?'}), the log has none of its events`,
        ...(outcome.streams ? streamLines(outcome.streams) : []),
      ];
    case 'not-found':
      return [`✗ ${orderId} not found: neither ${Topics.orderEvents} nor GET /orders/{id} knows it`];
  }
}

export const formatInvalid = ({ position, key, error }: InvalidRecord): string =>
  `✗ ${position} (key ${key ?? 'null'}) is not a valid order event: ${error}`;

const rate = (count: number, seconds: number) => (seconds > 0 ? Math.round(count / seconds) : count);

/** The closing summary (pure). */
export function formatSummary(result: ReplayResult): string[] {
  const { log, counts } = result;
  const extra = [
    log.duplicates ? `${log.duplicates} redelivered (counted once)` : '',
    log.invalid ? `${log.invalid} invalid` : '',
    log.caughtUp ? `${log.caughtUp} read while catching up` : '',
  ].filter(Boolean);
  const failed = counts.mismatches + counts.unknownToGet + counts.notInLog + counts.notFound;
  return [
    `${counts.replayed} order(s) replayed from ${log.records} record(s) of ${Topics.orderEvents} (${log.partitions} partitions` +
      `${extra.length ? `; ${extra.join(', ')}` : ''}), read in ${log.readSeconds.toFixed(2)} s: ${rate(log.records, log.readSeconds)} events/s`,
    `matches ${counts.matches} · mismatches ${counts.mismatches} · unknown to GET (404) ${counts.unknownToGet} · ` +
      `not in the log ${counts.notInLog} · not found ${counts.notFound} · invalid records ${result.invalid.length}`,
    result.ok
      ? `OK: every order matches what GET serves (${result.seconds.toFixed(2)} s)`
      : `FAILED: ${failed} of ${result.outcomes.length} order(s) do not match, ${result.invalid.length} invalid record(s) (${result.seconds.toFixed(2)} s)`,
  ];
}

/** Everything the CLI prints to stdout: invalid records, one block per order, the summary (pure). */
export const formatReport = (result: ReplayResult): string[] => [
  ...result.invalid.map(formatInvalid),
  ...result.outcomes.flatMap(formatOutcome),
  '',
  ...formatSummary(result),
];
