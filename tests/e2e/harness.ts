import { Topics } from '@edr/contracts';
import { type RunningService, drained, startApp, waitFor } from '@edr/testing';

/** The end-to-end scenarios' own helpers; the generic ones (services, Kafka, databases, waiting) are in @edr/testing. */
export const startOrderService = (env: Readonly<Record<string, string>> = {}) => startApp('order', env);
export const startProjectionService = () => startApp('projection');

/**
 * Customers registered by customer-service's seed migration (credit limits in its README): orders need an ACTIVE
 * customer, and these are ACTIVE once customer-service has run once and payment-service's copy (group payment-customer-copy) has read customer.events.
 */
export const seededCustomers = {
  standard: 'demo-customer',
  small: 'cust-small',
  vip: 'cust-vip',
} as const;

/**
 * Resolves once the seeded customers are ACTIVE in customer-service and payment-service has read every customer
 * event, so that an order for them is decided on an up-to-date copy.
 */
export async function seededCustomersKnown(customer: RunningService): Promise<void> {
  for (const id of Object.values(seededCustomers)) {
    await waitFor(
      `seeded customer ${id} to be ACTIVE`,
      async () => {
        const response = await fetch(`${customer.url}/customers/${id}`);
        const body = response.ok ? ((await response.json()) as { status: string }) : undefined;
        return body?.status === 'ACTIVE' ? true : undefined;
      },
      60_000,
    );
  }
  await drained('payment-customer-copy', [Topics.customerEvents]);
}

export const sampleOrder = (overrides: Record<string, unknown> = {}) => ({
  customerId: seededCustomers.standard,
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
