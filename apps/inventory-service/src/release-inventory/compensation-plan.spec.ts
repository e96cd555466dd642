import { describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { RecordedReservation } from '../reserve-inventory/recorded-outcome.js';
import { planRelease } from './compensation-plan.js';

const orderId = randomUUID();
const reservationId = randomUUID();
const lines = [
  { sku: 'BOOK-001', quantity: 2 },
  { sku: 'MUG-042', quantity: 1 },
];
const recorded = (overrides: Partial<RecordedReservation>): RecordedReservation => ({
  orderId,
  reservationId,
  status: 'RESERVED',
  failureCode: null,
  failureDetail: null,
  failureSku: null,
  lines,
  ...overrides,
});

describe('planRelease', () => {
  test('no reservation yet: the tombstone stands, the answer names no reservation and no items', () => {
    expect(planRelease(null)).toEqual({
      action: 'TOMBSTONE',
      lines: [],
      reply: { reservationId: null, items: [] },
    });
  });

  test('a reservation puts back every reserved line and names them in the answer', () => {
    expect(planRelease(recorded({}))).toEqual({
      action: 'RELEASE',
      lines,
      reply: { reservationId, items: lines },
    });
  });

  test('a repeated release puts nothing more back', () => {
    expect(planRelease(recorded({ status: 'RELEASED' }))).toEqual({
      action: 'NONE',
      lines: [],
      reply: { reservationId, items: [] },
    });
  });

  test('a failed reservation holds nothing to put back', () => {
    const failed = recorded({
      status: 'FAILED',
      reservationId: null,
      failureCode: 'OUT_OF_STOCK',
      lines: [],
    });
    expect(planRelease(failed)).toEqual({
      action: 'NONE',
      lines: [],
      reply: { reservationId: null, items: [] },
    });
  });
});
