import { Topics } from '@edr/contracts';

/**
 * The topics the order view is fed by, as OrderViewProjector.topics in projection-service (a tool may not import an
 * app): every service's event topic. The bench counts and tops up these records before the rebuilds; a rebuild's
 * own `replayed` shows if this list and the projector ever part ways.
 */
export const orderViewTopics = [
  Topics.orderEvents,
  Topics.paymentEvents,
  Topics.inventoryEvents,
  Topics.shippingEvents,
  Topics.shippingLabelEvents,
  Topics.customerEvents,
] as const;

/** The order in which the bench rebuilds the views /health lists: the order view first, as the issue names it. */
export function rebuildOrder(views: readonly string[]): string[] {
  const first = ['orders', 'customers', 'sales'];
  return [...first.filter((v) => views.includes(v)), ...views.filter((v) => !first.includes(v))];
}
