/**
 * Bench orders: always valid and always approvable, so every rejection the bench sees is the stack's doing. The
 * customer is registered by customer-service's seed migration with a credit limit no bench order reaches.
 */
export const benchCustomer = 'bench';

/** Resolves once the bench customer is ACTIVE (on a fresh database its seeded registration is still running). */
export async function benchCustomerActive(customerUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${customerUrl}/customers/${benchCustomer}`);
    const body = response.ok ? ((await response.json()) as { status?: string }) : undefined;
    if (body?.status === 'ACTIVE') return;
    if (Date.now() > deadline) {
      throw new Error(`customer ${benchCustomer} is not ACTIVE after ${timeoutMs} ms (${response.status})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const orderBody = (sku: string) =>
  JSON.stringify({
    customerId: benchCustomer,
    items: [{ sku, quantity: 1, unitPrice: 10 }],
    shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  });

/** Units per bench SKU: far more than any run orders (the column is a Postgres int). */
const stockPerSku = 1_000_000_000;

/**
 * Creates `count` SKUs with ample stock. Orders go round robin over them, like a shop where orders are for
 * different goods: a single SKU would make every reservation queue on one stock row lock, which the bench would
 * then measure instead of the stack.
 */
export async function createBenchSkus(inventoryUrl: string, count: number): Promise<string[]> {
  const run = Date.now().toString(36);
  const skus = Array.from({ length: count }, (_, i) => `BENCH-${run}-${i}`);
  for (const sku of skus) {
    const response = await fetch(`${inventoryUrl}/admin/inventory/${sku}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench stock', onHand: stockPerSku }),
    });
    if (!response.ok)
      throw new Error(`cannot create bench stock ${sku}: ${response.status} ${await response.text()}`);
  }
  return skus;
}

/** Round robin over the bench SKUs, each body built once. */
export function orderBodies(skus: readonly string[]): () => string {
  const bodies = skus.map(orderBody);
  let next = 0;
  return () => bodies[next++ % bodies.length]!;
}
