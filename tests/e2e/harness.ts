import { randomUUID } from 'node:crypto';
import { type RunningService, startApp, waitFor } from '@edr/testing';

/** The end-to-end scenarios' own helpers; the generic ones (services, Kafka, databases, waiting) are in @edr/testing. */
export const startOrderService = (env: Readonly<Record<string, string>> = {}) => startApp('order', env);
export const startProjectionService = () => startApp('projection');

export const sampleOrder = (overrides: Record<string, unknown> = {}) => ({
  customerId: `cust-${randomUUID().slice(0, 8)}`,
  items: [
    { sku: 'BOOK-001', quantity: 2, unitPrice: 12.5 },
    { sku: 'MUG-042', quantity: 1, unitPrice: 8.99 },
  ],
  shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  ...overrides,
});

export async function placeOrder(order: RunningService, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${order.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, any>,
  };
}

export async function waitForView(projection: RunningService, orderId: string, timeoutMs = 30_000) {
  return waitFor(
    `order ${orderId} in the projection`,
    async () => {
      const response = await fetch(`${projection.url}/views/orders/${orderId}`);
      return response.ok ? ((await response.json()) as Record<string, any>) : undefined;
    },
    timeoutMs,
  );
}
