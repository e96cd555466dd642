import { randomUUID } from 'node:crypto';
import { waitFor } from './wait-for.js';

/**
 * Registers a customer of the test's own with `creditLimit` and resolves with its id once customer-service shows it
 * ACTIVE. Tests that need a payment declined for credit use one: the CEP rule repeated-payment-declines flags a
 * customer after three declines in ten minutes (and payment then holds it), so a seeded customer declined by every
 * run would soon be held, and later runs would see CUSTOMER_FLAGGED instead of CREDIT_LIMIT_EXCEEDED.
 */
export async function activeCustomer(customerUrl: string, creditLimit: number): Promise<string> {
  const suffix = randomUUID().slice(0, 8);
  const response = await fetch(`${customerUrl}/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `Test Customer ${suffix}`,
      email: `test.${suffix}@example.com`,
      phone: '+49 30 1234567',
      address: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      creditLimit,
    }),
  });
  const body = (await response.json()) as { customerId?: string };
  if (response.status !== 202 || !body.customerId) {
    throw new Error(`POST /customers → ${response.status} ${JSON.stringify(body)}`);
  }
  const customerId = body.customerId;
  await waitFor(
    `customer ${customerId} to be ACTIVE`,
    async () => {
      const view = await fetch(`${customerUrl}/customers/${customerId}`);
      const current = view.ok ? ((await view.json()) as { status: string }) : undefined;
      if (current?.status === 'FAILED')
        throw new Error(`customer ${customerId} FAILED: ${JSON.stringify(current)}`);
      return current?.status === 'ACTIVE' ? true : undefined;
    },
    30_000,
    20,
  );
  return customerId;
}
