import type { NewShipmentRow } from '../shipment-rows.js';

export type Cancellation =
  /** Nothing was ever scheduled: leave a tombstone so a late ScheduleShipment is refused. */
  | { readonly action: 'tombstone'; readonly shipmentId: null }
  /** A booked shipment: mark it cancelled. */
  | { readonly action: 'cancel'; readonly shipmentId: string }
  /** Already cancelled, or it failed and there is nothing to undo: just answer again. */
  | { readonly action: 'none'; readonly shipmentId: string | null };

/**
 * What a CancelShipment does to the order's row (null: no row yet). Every outcome is answered with
 * ShipmentCancelled, repeats included, so the orchestrator's compensation always completes.
 */
export function planCancellation(row: Pick<NewShipmentRow, 'status' | 'shipmentId'> | null): Cancellation {
  if (row === null) return { action: 'tombstone', shipmentId: null };
  switch (row.status) {
    case 'SCHEDULED':
      if (row.shipmentId === null) throw new Error('a SCHEDULED shipment without a shipment id');
      return { action: 'cancel', shipmentId: row.shipmentId };
    case 'CANCELLED':
      return { action: 'none', shipmentId: row.shipmentId };
    case 'FAILED':
      return { action: 'none', shipmentId: null };
  }
}

/** The row a cancel that overtook its schedule leaves behind. */
export const tombstoneRow = (orderId: string): NewShipmentRow => ({
  orderId,
  shipmentId: null,
  status: 'CANCELLED',
  carrier: null,
  trackingNumber: null,
  country: null,
  address: null,
  items: null,
  failureCode: null,
  failureDetail: null,
});
