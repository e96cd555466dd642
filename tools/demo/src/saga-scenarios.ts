/**
 * The demo's saga scenarios: one order per path through the saga, each with the outcome it must reach.
 * Seeded data they rely on: customer `demo-customer` (credit limit 5000) is registered by customer-service's seed
 * migration, SKUs BOOK-001 and MUG-042 are in stock and SOLD-OUT-001 has none
 * (inventory-service migration); shipping refuses AQ. The demo's own registrations add an ACTIVE and a FAILED one.
 */
export interface SagaScenario {
  readonly name: string;
  readonly order: Record<string, unknown>;
  readonly expect: {
    readonly status: 'APPROVED' | 'REJECTED';
    readonly step?: string;
    readonly code?: string;
  };
  /** Participant faults switched on for this scenario only (PUT /admin/faults), e.g. to make a reply late. */
  readonly faults?: {
    readonly service: 'payment' | 'inventory' | 'shipping';
    readonly patch: Record<string, number>;
  };
  /** The order-service settings the scenario needs (the demo restarts it with them). */
  readonly orderEnv?: Readonly<Record<string, string>>;
}

const berlin = { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };
const book = { sku: 'BOOK-001', quantity: 1, unitPrice: 42.5 };
const mug = { sku: 'MUG-042', quantity: 2, unitPrice: 8.99 };

/** The customers the demo registered itself (see registrations.ts). */
export interface DemoCustomers {
  readonly active: string;
  readonly failed: string;
  /**
   * Registered for this run with a limit of 100. Not the seeded cust-small: declined by every run, it would be
   * flagged by the CEP rule repeated-payment-declines on the third run within ten minutes, and then held.
   */
  readonly small: string;
}

export const sagaScenarios = (customers: DemoCustomers): readonly SagaScenario[] => [
  {
    name: 'happy path',
    order: { customerId: 'demo-customer', items: [book, mug], shippingAddress: berlin },
    expect: { status: 'APPROVED' },
  },
  {
    name: 'the customer registered a moment ago',
    order: { customerId: customers.active, items: [book], shippingAddress: berlin },
    expect: { status: 'APPROVED' },
  },
  {
    name: 'a customer whose registration failed',
    order: { customerId: customers.failed, items: [book], shippingAddress: berlin },
    expect: { status: 'REJECTED', step: 'PAYMENT', code: 'CUSTOMER_REGISTRATION_FAILED' },
  },
  {
    name: 'a customer nobody registered (payment waits for its copy to catch up, then declines)',
    order: { customerId: 'nobody-registered-this', items: [book], shippingAddress: berlin },
    expect: { status: 'REJECTED', step: 'PAYMENT', code: 'CUSTOMER_UNKNOWN' },
  },
  {
    name: 'payment declined (credit limit 100)',
    order: { customerId: customers.small, items: [{ ...book, quantity: 3 }], shippingAddress: berlin },
    expect: { status: 'REJECTED', step: 'PAYMENT', code: 'CREDIT_LIMIT_EXCEEDED' },
  },
  {
    name: 'out of stock → refund',
    order: {
      customerId: 'demo-customer',
      items: [book, { sku: 'SOLD-OUT-001', quantity: 1, unitPrice: 5 }],
      shippingAddress: berlin,
    },
    expect: { status: 'REJECTED', step: 'INVENTORY', code: 'OUT_OF_STOCK' },
  },
  {
    name: 'unknown SKU → refund',
    order: {
      customerId: 'demo-customer',
      items: [{ sku: 'NO-SUCH-SKU', quantity: 1, unitPrice: 5 }],
      shippingAddress: berlin,
    },
    expect: { status: 'REJECTED', step: 'INVENTORY', code: 'UNKNOWN_SKU' },
  },
  {
    name: 'unsupported destination AQ → release stock + refund',
    order: {
      customerId: 'demo-customer',
      items: [book],
      shippingAddress: { line1: 'McMurdo Station', city: 'Ross Island', postalCode: '0', country: 'AQ' },
    },
    expect: { status: 'REJECTED', step: 'SHIPPING', code: 'UNSUPPORTED_DESTINATION' },
  },
  {
    name: 'payment too slow → timeout → refund; the late PaymentAuthorized triggers a refund too',
    order: { customerId: 'demo-customer', items: [book], shippingAddress: berlin },
    faults: { service: 'payment', patch: { latencyMs: 2_500 } },
    orderEnv: { SAGA_STEP_TIMEOUT_MS: '1000', SAGA_STEP_MAX_ATTEMPTS: '1' },
    expect: { status: 'REJECTED', step: 'PAYMENT', code: 'TIMEOUT' },
  },
];
