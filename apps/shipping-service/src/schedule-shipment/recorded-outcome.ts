import { FailureCodes, ShipmentFailed, ShipmentScheduled } from '@edr/contracts';
import { type OutgoingReply, outgoingReply } from '@edr/messaging';
import type { NewShipmentRow } from '../shipment-rows.js';

/** The answer to a ScheduleShipment: the reply to send. */
export type ScheduleOutcome = OutgoingReply<typeof ShipmentScheduled> | OutgoingReply<typeof ShipmentFailed>;

type OutcomeFields = Pick<
  NewShipmentRow,
  'orderId' | 'status' | 'shipmentId' | 'carrier' | 'trackingNumber' | 'failureCode' | 'failureDetail'
>;

/**
 * The reply to a ScheduleShipment, read from the order's row: the first command's answer and every retry's
 * (the orchestrator re-sends with a new message id when its deadline passes) come from the same place, so a retry
 * gets the same shipment id and tracking number, or the same failure, and nothing is booked twice.
 * A CANCELLED row with a shipment id was scheduled before it was cancelled: that schedule is still the recorded
 * answer. One without is a tombstone: the cancel overtook the schedule, which must not act any more.
 */
export function recordedOutcome(row: OutcomeFields): ScheduleOutcome {
  const { orderId } = row;
  if (row.status === 'FAILED') {
    if (row.failureCode === null) throw new IncompleteShipmentRowError(orderId, 'a failure code');
    return outgoingReply(ShipmentFailed, { orderId, code: row.failureCode, detail: row.failureDetail ?? '' });
  }
  if (row.shipmentId === null) {
    return outgoingReply(ShipmentFailed, {
      orderId,
      code: FailureCodes.alreadyCompensated,
      detail: `shipping of order ${orderId} was cancelled before it was scheduled; not scheduling it now`,
    });
  }
  if (row.carrier === null || row.trackingNumber === null) {
    throw new IncompleteShipmentRowError(orderId, 'a carrier and tracking number');
  }
  return outgoingReply(ShipmentScheduled, {
    orderId,
    shipmentId: row.shipmentId,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
  });
}

/** The table's check constraints rule this out; refuse loudly rather than send a half-empty reply. */
export class IncompleteShipmentRowError extends Error {
  override readonly name = 'IncompleteShipmentRowError';
  constructor(orderId: string, missing: string) {
    super(`the shipments row of order ${orderId} lacks ${missing}`);
  }
}
