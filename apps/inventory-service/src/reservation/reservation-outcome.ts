import type {
  InventoryReservationFailedPayload,
  InventoryReservedPayload,
  StockLine,
} from '@edr/contracts';
import { INJECTED_FAILURE } from '@edr/fault-injection';
import type { ReservationStatus } from './reservation.entity.js';

export type ReservationFailure = Pick<InventoryReservationFailedPayload, 'code' | 'sku' | 'detail'>;

/** The answer to a ReserveInventory: the reply to send. */
export type ReserveOutcome =
  | { readonly kind: 'reserved'; readonly payload: InventoryReservedPayload }
  | { readonly kind: 'failed'; readonly payload: InventoryReservationFailedPayload };

export const reservationFailures = {
  unknownSku: (sku: string): ReservationFailure => ({
    code: 'UNKNOWN_SKU',
    sku,
    detail: `unknown SKU "${sku}"`,
  }),
  outOfStock: (sku: string, requested: number, available: number): ReservationFailure => ({
    code: 'OUT_OF_STOCK',
    sku,
    detail: `${sku}: requested ${requested}, available ${available}`,
  }),
  injected: (): ReservationFailure => ({
    code: INJECTED_FAILURE,
    sku: null,
    detail: 'declined by fault injection (declineProbability)',
  }),
  alreadyCompensated: (): ReservationFailure => ({
    code: 'ALREADY_COMPENSATED',
    sku: null,
    detail:
      'ReleaseInventory for this order arrived before ReserveInventory; the order may no longer reserve',
  }),
} as const;

/** A reservations row with its lines, as read back for a repeated command. */
export interface RecordedReservation {
  readonly orderId: string;
  readonly reservationId: string | null;
  readonly status: ReservationStatus;
  readonly failureCode: string | null;
  readonly failureDetail: string | null;
  readonly failureSku: string | null;
  readonly lines: readonly StockLine[];
}

/**
 * The answer to a ReserveInventory for an order that already has a row: the orchestrator retried (new message id),
 * so it gets the answer it got the first time, and nothing is reserved again. A tombstone refuses the order.
 */
export function recordedOutcome(recorded: RecordedReservation): ReserveOutcome {
  const { orderId } = recorded;
  if (recorded.status === 'FAILED') {
    return {
      kind: 'failed',
      payload: {
        orderId,
        // Only this service writes the column, always from the contract's enum.
        code: recorded.failureCode as ReservationFailure['code'],
        sku: recorded.failureSku,
        detail: recorded.failureDetail ?? '',
      },
    };
  }
  if (recorded.reservationId === null) {
    return { kind: 'failed', payload: { orderId, ...reservationFailures.alreadyCompensated() } };
  }
  // RESERVED, or RELEASED after it was reserved: the recorded outcome of the reserve is still "reserved".
  return {
    kind: 'reserved',
    payload: { orderId, reservationId: recorded.reservationId, items: [...recorded.lines] },
  };
}
