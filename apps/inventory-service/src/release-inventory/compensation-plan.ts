import type { InventoryReleasedPayload, StockLine } from '@edr/contracts';
import type { RecordedReservation } from '../reserve-inventory/recorded-outcome.js';

export type ReleasePlan =
  /** No row: the release overtook its reservation; the tombstone just inserted refuses a late ReserveInventory. */
  | { readonly action: 'TOMBSTONE'; readonly lines: readonly []; readonly reply: ReleaseReply }
  /** RESERVED: put every reserved unit back, then mark the row RELEASED. */
  | { readonly action: 'RELEASE'; readonly lines: readonly StockLine[]; readonly reply: ReleaseReply }
  /** Already released, or it failed and holds nothing: nothing to undo, but the orchestrator still gets its answer. */
  | { readonly action: 'NONE'; readonly lines: readonly []; readonly reply: ReleaseReply };

type ReleaseReply = Omit<InventoryReleasedPayload, 'orderId'>;

/**
 * What ReleaseInventory does to the order's reservation (null: there was none, a tombstone now stands in for it),
 * and what it answers: the units put back, empty when there was nothing, or nothing more, to put back.
 */
export function planRelease(recorded: RecordedReservation | null): ReleasePlan {
  if (recorded === null) return { action: 'TOMBSTONE', lines: [], reply: { reservationId: null, items: [] } };
  if (recorded.status !== 'RESERVED') {
    return { action: 'NONE', lines: [], reply: { reservationId: recorded.reservationId, items: [] } };
  }
  return {
    action: 'RELEASE',
    lines: recorded.lines,
    reply: { reservationId: recorded.reservationId, items: [...recorded.lines] },
  };
}
