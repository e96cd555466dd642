import type { InventoryReservationFailedPayload, StockLine } from '@edr/contracts';
import { INJECTED_FAILURE } from '@edr/fault-injection';
import { inSkuOrder } from '../stock/sku-order.js';

/**
 * What to reserve for an order: one line per SKU (an order may name a SKU twice; its quantities are added, so the
 * availability check sees the whole demand at once), in lock order. Whether each line fits is decided by the
 * conditional UPDATE in stock-rows.ts, on the row lock, so concurrent orders can never oversell.
 */
export function planReservation(items: readonly StockLine[]): StockLine[] {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of items) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  return inSkuOrder([...totals].map(([sku, quantity]) => ({ sku, quantity })));
}

export type ReservationFailure = Pick<InventoryReservationFailedPayload, 'code' | 'sku' | 'detail'>;

/** The refusals a ReserveInventory can answer, worded once. */
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
