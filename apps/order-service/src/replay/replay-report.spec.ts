import { describe, expect, test } from '@jest/globals';
import type { ReplayedOrder } from '../event-store/order-from-stream.js';
import type { OrderOutcome } from './order-outcome.js';
import type { ReplayResult } from './replay-orders.js';
import { formatInvalid, formatOutcome, formatReport, formatSummary, showValue } from './replay-report.js';

const id = '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10';
const replayed = { orderId: id, status: 'APPROVED', version: 5 } as ReplayedOrder;

const result = (outcomes: OrderOutcome[], changes: Partial<ReplayResult> = {}): ReplayResult => ({
  outcomes,
  invalid: [],
  log: {
    partitions: 3,
    records: 1200,
    events: 1198,
    duplicates: 2,
    invalid: 0,
    caughtUp: 0,
    readSeconds: 0.5,
  },
  counts: {
    replayed: outcomes.length,
    matches: outcomes.filter((o) => o.kind === 'match').length,
    mismatches: outcomes.filter((o) => o.kind === 'mismatch').length,
    unknownToGet: 0,
    notInLog: 0,
    notFound: 0,
  },
  seconds: 1.25,
  ok: outcomes.every((o) => o.kind === 'match'),
  ...changes,
});

describe('replay report', () => {
  test('a match is one line', () => {
    expect(formatOutcome({ kind: 'match', orderId: id, replayed })).toEqual([
      `✓ ${id} match (5 events, APPROVED)`,
    ]);
  });

  test('a mismatch lists path, log value and served value, then the events only one side has', () => {
    expect(
      formatOutcome({
        kind: 'mismatch',
        orderId: id,
        replayed,
        servedVersion: 6,
        differences: [
          { path: 'version', log: 5, served: 6 },
          { path: 'compensationsDone.1', log: undefined, served: 'RELEASE_INVENTORY' },
        ],
        streams: { onlyServed: [{ version: 6, type: 'OrderCompensated', eventId: 'e6' }], onlyInLog: [] },
      }),
    ).toEqual([
      `✗ ${id} mismatch: 2 field(s) differ (path, log, served)`,
      '    version              log 5         served 6',
      '    compensationsDone.1  log (absent)  served "RELEASE_INVENTORY"',
      '    in order_events, not on order.events: v6 OrderCompensated e6',
    ]);
  });

  test('orders one side does not know, and invalid records', () => {
    expect(
      formatOutcome({ kind: 'unknown-to-get', orderId: id, events: 2, firstPosition: 'order.events[1]@4' }),
    ).toEqual([
      `✗ ${id} unknown to GET /orders/{id} (404): the log holds 2 event(s) of it, the first at order.events[1]@4`,
    ]);
    expect(formatOutcome({ kind: 'not-in-log', orderId: id, servedVersion: 3 })[0]).toBe(
      `✗ ${id} not on order.events: GET serves it (version 3), the log has none of its events`,
    );
    expect(formatOutcome({ kind: 'not-found', orderId: id })).toEqual([
      `✗ ${id} not found: neither order.events nor GET /orders/{id} knows it`,
    ]);
    expect(
      formatInvalid({ position: 'order.events[0]@9', key: null, error: 'record value is not JSON' }),
    ).toBe('✗ order.events[0]@9 (key null) is not a valid order event: record value is not JSON');
  });

  test('long values are shortened', () => {
    expect(showValue('x'.repeat(100))).toHaveLength(60);
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });

  test('the summary: orders, records, rate, counts and the verdict', () => {
    expect(formatSummary(result([{ kind: 'match', orderId: id, replayed }]))).toEqual([
      '1 order(s) replayed from 1200 record(s) of order.events (3 partitions; 2 redelivered (counted once)), read in 0.50 s: 2400 events/s',
      'matches 1 · mismatches 0 · unknown to GET (404) 0 · not in the log 0 · not found 0 · invalid records 0',
      'OK: every order matches what GET serves (1.25 s)',
    ]);
    const failed = result([{ kind: 'mismatch', orderId: id, replayed, servedVersion: 6, differences: [] }]);
    expect(formatSummary(failed).at(-1)).toBe(
      'FAILED: 1 of 1 order(s) do not match, 0 invalid record(s) (1.25 s)',
    );
    expect(formatReport(failed).slice(0, 2)).toEqual([
      `✗ ${id} mismatch: 0 field(s) differ (path, log, served)`,
      '',
    ]);
  });
});
