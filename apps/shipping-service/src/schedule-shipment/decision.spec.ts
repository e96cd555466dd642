import { describe, expect, jest, test } from '@jest/globals';
import type { ScheduleShipmentPayload } from '@edr/contracts';
import { trackingNumberFor } from '../carrier/tracking-number.js';
import { decideSchedule } from './decision.js';

const shipmentId = '9d7c1a4e-4a0b-4f57-8f0e-6b1d2f3c4a5b';
const command = (country: string): ScheduleShipmentPayload => ({
  orderId: '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10',
  shippingAddress: { line1: '1 Main St', city: 'Somewhere', postalCode: '10115', country },
  items: [{ sku: 'BOOK-001', quantity: 2 }],
  attempt: 1,
});

describe('decideSchedule', () => {
  test('books a supported destination with SimPost and a tracking number derived from the shipment id', () => {
    expect(decideSchedule({ command: command('DE'), shipmentId, decline: () => false })).toEqual({
      orderId: command('DE').orderId,
      shipmentId,
      status: 'SCHEDULED',
      carrier: 'SimPost',
      trackingNumber: trackingNumberFor(shipmentId),
      country: 'DE',
      address: command('DE').shippingAddress,
      items: command('DE').items,
      failureCode: null,
      failureDetail: null,
    });
  });

  test('refuses an unsupported destination without asking the fault injector', () => {
    const decline = jest.fn(() => true);
    expect(decideSchedule({ command: command('AQ'), shipmentId, decline })).toMatchObject({
      status: 'FAILED',
      shipmentId: null,
      trackingNumber: null,
      failureCode: 'UNSUPPORTED_DESTINATION',
      failureDetail: expect.stringContaining('AQ (Antarctica)'),
    });
    expect(decline).not.toHaveBeenCalled();
  });

  test('an injected decline fails an otherwise acceptable shipment with INJECTED_FAILURE', () => {
    expect(decideSchedule({ command: command('NL'), shipmentId, decline: () => true })).toMatchObject({
      status: 'FAILED',
      shipmentId: null,
      failureCode: 'INJECTED_FAILURE',
      country: 'NL',
    });
  });
});
