import { InventoryReservationFailed, InventoryReserved, type StockLine } from '@edr/contracts';
import { type OutgoingReply, outgoingReply } from '@edr/messaging';
import type { Reservation } from '../reservation.entity.js';
import { reservationFailures } from './decision.js';

/** The answer to a ReserveInventory: the reply to send. */
export type ReserveOutcome =
  OutgoingReply<typeof InventoryReserved> | OutgoingReply<typeof InventoryReservationFailed>;

/** A reservations row with its lines, as read back for a repeated command. */
export interface RecordedReservation extends Pick<
  Reservation,
  'orderId' | 'reservationId' | 'status' | 'failureCode' | 'failureDetail' | 'failureSku'
> {
  readonly lines: readonly StockLine[];
}

/**
 * The answer to a ReserveInventory for an order that already has a row: the orchestrator retried (new message id),
 * so it gets the answer it got the first time, and nothing is reserved again. A tombstone refuses the order.
 */
export function recordedOutcome(recorded: RecordedReservation): ReserveOutcome {
  const { orderId } = recorded;
  if (recorded.status === 'FAILED') {
    // reservations_failure_only_when_failed: a FAILED row always has its code.
    if (recorded.failureCode === null)
      throw new Error(`reservation of order ${orderId} failed without a code`);
    return outgoingReply(InventoryReservationFailed, {
      orderId,
      code: recorded.failureCode,
      sku: recorded.failureSku,
      detail: recorded.failureDetail ?? '',
    });
  }
  if (recorded.reservationId === null) {
    return outgoingReply(InventoryReservationFailed, {
      orderId,
      ...reservationFailures.alreadyCompensated(),
    });
  }
  // RESERVED, or RELEASED after it was reserved: the recorded outcome of the reserve is still "reserved".
  return outgoingReply(InventoryReserved, {
    orderId,
    reservationId: recorded.reservationId,
    items: [...recorded.lines],
  });
}
