import type { OrderItem } from '@edr/contracts';

/** Sums in integer cents so 3 × 0.1 is 0.3, not 0.30000000000000004. */
export const orderTotal = (items: readonly Pick<OrderItem, 'quantity' | 'unitPrice'>[]): number =>
  items.reduce((cents, item) => cents + item.quantity * Math.round(item.unitPrice * 100), 0) / 100;
