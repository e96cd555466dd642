import { describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { InventoryReservationFailed, InventoryReserved } from '@edr/contracts';
import { reservationFailures } from './decision.js';
import { type RecordedReservation, recordedOutcome } from './recorded-outcome.js';

const orderId = randomUUID();
const reservationId = randomUUID();
const recorded = (overrides: Partial<RecordedReservation>): RecordedReservation => ({
  orderId,
  reservationId: null,
  status: 'FAILED',
  failureCode: null,
  failureDetail: null,
  failureSku: null,
  lines: [],
  ...overrides,
});

describe('recordedOutcome (the answer to a repeated ReserveInventory)', () => {
  test('a reserved order gets the same reservation id and items again', () => {
    const lines = [
      { sku: 'BOOK-001', quantity: 2 },
      { sku: 'MUG-042', quantity: 1 },
    ];
    expect(recordedOutcome(recorded({ status: 'RESERVED', reservationId, lines }))).toEqual({
      definition: InventoryReserved,
      payload: { orderId, reservationId, items: lines },
    });
  });

  test('a reservation released later still answers with what the reserve recorded', () => {
    const lines = [{ sku: 'BOOK-001', quantity: 2 }];
    expect(recordedOutcome(recorded({ status: 'RELEASED', reservationId, lines }))).toEqual({
      definition: InventoryReserved,
      payload: { orderId, reservationId, items: lines },
    });
  });

  test('a failed order gets the same failure again', () => {
    const failure = reservationFailures.outOfStock('RARE-001', 2, 1);
    const outcome = recordedOutcome(
      recorded({ failureCode: failure.code, failureDetail: failure.detail, failureSku: failure.sku }),
    );
    expect(outcome).toEqual({ definition: InventoryReservationFailed, payload: { orderId, ...failure } });
  });

  test('a tombstone (released before any reserve) refuses with ALREADY_COMPENSATED', () => {
    const outcome = recordedOutcome(recorded({ status: 'RELEASED', reservationId: null }));
    expect(outcome).toMatchObject({
      definition: InventoryReservationFailed,
      payload: { orderId, code: 'ALREADY_COMPENSATED', sku: null },
    });
  });
});
