import { createHash } from 'node:crypto';

/**
 * SimPost tracking numbers: `SP` followed by the first 16 hex digits, upper case, of the SHA-256 of the shipment id
 * (lower-case UUID text), e.g. `SP3F9A12BC77D0E4A1`. Derived rather than drawn at random, so the number can always be
 * recomputed from the shipment id and a replayed ShipmentScheduled carries exactly the number first sent; 64 bits
 * keep accidental collisions out of reach for any realistic volume.
 */
export function trackingNumberFor(shipmentId: string): string {
  const digest = createHash('sha256').update(shipmentId.toLowerCase()).digest('hex');
  return `SP${digest.slice(0, 16).toUpperCase()}`;
}

export const trackingNumberPattern = /^SP[0-9A-F]{16}$/;
