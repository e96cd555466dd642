import { describe, expect, test } from '@jest/globals';
import { trackingNumberFor, trackingNumberPattern } from './tracking-number.js';

describe('trackingNumberFor', () => {
  const shipmentId = '3b241101-e2bb-4255-8caf-4136c566a962';

  test('has the documented shape: SP + 16 upper-case hex digits', () => {
    expect(trackingNumberFor(shipmentId)).toMatch(trackingNumberPattern);
  });

  test('is the SHA-256 prefix of the shipment id, so it can be recomputed at any time', () => {
    expect(trackingNumberFor(shipmentId)).toBe(trackingNumberFor(shipmentId));
    expect(trackingNumberFor(shipmentId.toUpperCase())).toBe(trackingNumberFor(shipmentId));
    // Pinned value: changing the derivation would change numbers already handed to customers.
    expect(trackingNumberFor('00000000-0000-0000-0000-000000000000')).toBe('SP12B9377CBE7E5C94');
  });

  test('differs between shipments', () => {
    expect(trackingNumberFor(shipmentId)).not.toBe(trackingNumberFor('3b241101-e2bb-4255-8caf-4136c566a963'));
  });
});
