import type { StockLine } from '@edr/contracts';

/** Code-unit order: the same in every process and independent of the database's collation. */
export const compareSkus = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Lines sorted by SKU. Every transaction that updates several stock rows (reserve, release) locks them in this
 * order, so two orders that share SKUs wait for each other instead of deadlocking.
 */
export const inSkuOrder = (lines: readonly StockLine[]): StockLine[] =>
  [...lines].sort((a, b) => compareSkus(a.sku, b.sku));
