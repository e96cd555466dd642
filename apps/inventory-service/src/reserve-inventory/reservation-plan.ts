import type { StockLine } from '@edr/contracts';
import { inSkuOrder } from '../stock/sku-order.js';

/**
 * What to reserve for an order: one line per SKU (an order may name a SKU twice; its quantities are added, so the
 * availability check sees the whole demand at once), in lock order.
 */
export function planReservation(items: readonly StockLine[]): StockLine[] {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of items) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  return inSkuOrder([...totals].map(([sku, quantity]) => ({ sku, quantity })));
}
