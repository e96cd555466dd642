import { describe, expect, test } from '@jest/globals';
import { planCancellation, tombstoneRow } from './compensation-plan.js';

const shipmentId = '9d7c1a4e-4a0b-4f57-8f0e-6b1d2f3c4a5b';

describe('planCancellation', () => {
  test('no row yet: leave a tombstone and answer without a shipment id', () => {
    expect(planCancellation(null)).toEqual({ action: 'tombstone', shipmentId: null });
  });

  test('a scheduled shipment is cancelled and named in the answer', () => {
    expect(planCancellation({ status: 'SCHEDULED', shipmentId })).toEqual({ action: 'cancel', shipmentId });
  });

  test('repeats change nothing and answer as before', () => {
    expect(planCancellation({ status: 'CANCELLED', shipmentId })).toEqual({ action: 'none', shipmentId });
    expect(planCancellation({ status: 'CANCELLED', shipmentId: null })).toEqual({
      action: 'none',
      shipmentId: null,
    });
  });

  test('a failed shipment has nothing to undo', () => {
    expect(planCancellation({ status: 'FAILED', shipmentId: null })).toEqual({
      action: 'none',
      shipmentId: null,
    });
  });

  test('a tombstone is a CANCELLED row with nothing booked', () => {
    expect(tombstoneRow(shipmentId)).toMatchObject({ status: 'CANCELLED', shipmentId: null, carrier: null });
  });
});
