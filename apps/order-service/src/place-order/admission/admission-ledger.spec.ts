import { describe, expect, test } from '@jest/globals';
import { AdmissionLedger } from './admission-ledger.js';

const read = (ledger: AdmissionLedger, now: number, inFlight: number) =>
  ledger.endReading(ledger.beginReading(now), inFlight);

describe('AdmissionLedger', () => {
  test('no reading yet is never fresh; a reading is fresh until it is maxAge old', () => {
    const ledger = new AdmissionLedger();
    expect(ledger.isFresh(1_000, 100)).toBe(false);
    read(ledger, 1_000, 4);
    expect(ledger.reading).toEqual({ inFlight: 4, takenAt: 1_000, mark: 0 });
    expect(ledger.isFresh(1_099, 100)).toBe(true);
    expect(ledger.isFresh(1_100, 100)).toBe(false);
  });

  test('counts placements in flight and placements that ended after the reading', () => {
    const ledger = new AdmissionLedger();
    read(ledger, 0, 10);
    ledger.enter();
    ledger.enter();
    expect(ledger.admittedSince()).toBe(2);
    ledger.leave(true); // committed a saga: still not in the reading
    expect(ledger.admittedSince()).toBe(2);
    ledger.leave(false); // a replay: wrote nothing
    expect(ledger.admittedSince()).toBe(1);
    // The next count sees the committed one; the ledger stops adding it.
    read(ledger, 50, 11);
    expect(ledger.admittedSince()).toBe(0);
  });

  test('a placement in flight while the count runs is still added after it, whenever it ends', () => {
    const ledger = new AdmissionLedger();
    read(ledger, 0, 0);
    ledger.enter();
    const ticket = ledger.beginReading(100);
    ledger.leave(true); // commits while the query runs: maybe in the count, maybe not
    ledger.endReading(ticket, 1);
    // Counted in the reading and once more by the ledger: errs on the side of refusing, until the next reading.
    expect(ledger.admittedSince()).toBe(1);
    read(ledger, 200, 1);
    expect(ledger.admittedSince()).toBe(0);
  });

  test('a placement that entered while the count ran is added', () => {
    const ledger = new AdmissionLedger();
    const ticket = ledger.beginReading(0);
    ledger.enter();
    ledger.endReading(ticket, 0);
    expect(ledger.admittedSince()).toBe(1);
  });

  test('an answer older than the reading kept is dropped', () => {
    const ledger = new AdmissionLedger();
    const older = ledger.beginReading(0);
    read(ledger, 10, 7);
    ledger.endReading(older, 3);
    expect(ledger.reading).toMatchObject({ inFlight: 7, takenAt: 10 });
  });
});
