import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { getJson } from '@edr/testing';
import {
  type SagaStack,
  freshSku,
  paymentOf,
  place,
  startSagaStack,
  stockOf,
  waitForOutcomes,
} from './saga-harness.js';
import { sampleOrder } from './harness.js';

jest.setTimeout(300_000);

const ORDERS = 200;
const STOCK = 60;

describe('200 concurrent orders racing for scarce stock', () => {
  let stack: SagaStack;

  beforeAll(async () => {
    // All 200 must be accepted at once: this suite is about the race for stock, not about overload (admission
    // control has its own suite, order-admission.int-spec.ts), so the door stays open.
    stack = await startSagaStack({ SAGA_STEP_TIMEOUT_MS: '30000', ORDER_ADMISSION_MAX_IN_FLIGHT: '100000' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  test('stock never goes negative and what is reserved is exactly what APPROVED orders hold', async () => {
    const sku = await freshSku(stack.inventory, STOCK, 'RACE');
    // 1, 2 or 3 units each: 400 units asked for 60 on hand.
    const quantities = Array.from({ length: ORDERS }, (_, i) => (i % 3) + 1);

    let lowestAvailable = STOCK;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const stock = await stockOf(stack.inventory, sku);
        lowestAvailable = Math.min(lowestAvailable, stock.available, stock.onHand - stock.reserved);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const orderIds = await Promise.all(
      quantities.map((quantity) =>
        place(stack.order, sampleOrder({ items: [{ sku, quantity, unitPrice: 1 }] })),
      ),
    );
    const started = performance.now();
    const outcomes = await waitForOutcomes(stack.order, orderIds);
    const seconds = (performance.now() - started) / 1000;
    watching = false;
    await watcher;

    const approved = outcomes.filter((o) => o.status === 'APPROVED');
    const rejected = outcomes.filter((o) => o.status === 'REJECTED');
    const approvedUnits = approved.reduce((sum, o) => sum + o.items[0].quantity, 0);
    const stock = await stockOf(stack.inventory, sku);

    expect(approved.length + rejected.length).toBe(ORDERS);
    expect(lowestAvailable).toBeGreaterThanOrEqual(0);
    expect(stock.onHand).toBe(STOCK);
    expect(stock.reserved).toBe(approvedUnits);
    expect(stock.available).toBe(STOCK - approvedUnits);
    expect(approvedUnits).toBeLessThanOrEqual(STOCK);
    // Every rejection here is the stock running out, and each rejected order got its money back.
    for (const order of rejected) {
      expect(order.rejectionReason).toMatchObject({ step: 'INVENTORY', code: 'OUT_OF_STOCK' });
    }
    const refunds = await Promise.all(rejected.map((o) => paymentOf(stack.payment, o.orderId)));
    for (const { body } of refunds) {
      expect(body).toMatchObject({ status: 'REFUNDED' });
      expect(body.refundedAmount).toBe(body.capturedAmount);
    }
    // Each approved order holds its own reservation, with its own quantity.
    const reservations = await Promise.all(
      approved.map((o) => getJson(`${stack.inventory.url}/inventory/reservations/${o.orderId}`)),
    );
    expect(reservations.every(({ body }) => body.status === 'RESERVED')).toBe(true);
    console.log(
      `race: ${approved.length} approved (${approvedUnits} units), ${rejected.length} rejected, ` +
        `lowest available seen ${lowestAvailable}; all finished ${seconds.toFixed(1)} s after the last POST was accepted`,
    );
  });
});
