import { describe, expect, test } from '@jest/globals';
import { ShipmentFailed, ShipmentScheduled } from '@edr/contracts';
import { IncompleteShipmentRowError, recordedOutcome } from './recorded-outcome.js';

const orderId = '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10';
const booked = {
  orderId,
  shipmentId: '9d7c1a4e-4a0b-4f57-8f0e-6b1d2f3c4a5b',
  carrier: 'SimPost',
  trackingNumber: 'SP0123456789ABCDEF',
  failureCode: null,
  failureDetail: null,
};

describe('recordedOutcome', () => {
  test('a scheduled shipment answers with its shipment id, carrier and tracking number', () => {
    const reply = recordedOutcome({ ...booked, status: 'SCHEDULED' });
    expect(reply.definition).toBe(ShipmentScheduled);
    expect(reply.payload).toEqual({
      orderId,
      shipmentId: booked.shipmentId,
      carrier: 'SimPost',
      trackingNumber: 'SP0123456789ABCDEF',
    });
  });

  test('a shipment cancelled after it was scheduled still answers with that schedule', () => {
    expect(recordedOutcome({ ...booked, status: 'CANCELLED' })).toEqual(
      recordedOutcome({ ...booked, status: 'SCHEDULED' }),
    );
  });

  test('a failure answers with the same code and detail', () => {
    const reply = recordedOutcome({
      ...booked,
      shipmentId: null,
      trackingNumber: null,
      status: 'FAILED',
      failureCode: 'UNSUPPORTED_DESTINATION',
      failureDetail: 'SimPost does not deliver to AQ (Antarctica)',
    });
    expect(reply.definition).toBe(ShipmentFailed);
    expect(reply.payload).toEqual({
      orderId,
      code: 'UNSUPPORTED_DESTINATION',
      detail: 'SimPost does not deliver to AQ (Antarctica)',
    });
  });

  test('a tombstone (cancelled before it was ever scheduled) refuses with ALREADY_COMPENSATED', () => {
    const reply = recordedOutcome({
      orderId,
      status: 'CANCELLED',
      shipmentId: null,
      carrier: null,
      trackingNumber: null,
      failureCode: null,
      failureDetail: null,
    });
    expect(reply.definition).toBe(ShipmentFailed);
    expect(reply.payload).toMatchObject({ orderId, code: 'ALREADY_COMPENSATED' });
  });

  test('refuses to answer from an incomplete row instead of sending a half-empty reply', () => {
    expect(() => recordedOutcome({ ...booked, status: 'SCHEDULED', trackingNumber: null })).toThrow(
      IncompleteShipmentRowError,
    );
  });
});
