import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { getJson, sendJson, waitFor } from '@edr/testing';
import {
  type SagaStack,
  freshSku,
  orderFor,
  paymentOf,
  place,
  startSagaStack,
  waitForOutcome,
} from './saga-harness.js';

jest.setTimeout(120_000);

/**
 * Deadlines short enough to be missed on purpose: one attempt of 1.5 s per step. The payment service answers after
 * 3 s, so the saga gives up on payment, refunds proactively and only then hears that the payment was authorized.
 */
describe('a reply that arrives after its step was compensated', () => {
  let stack: SagaStack;

  beforeAll(async () => {
    stack = await startSagaStack({
      SAGA_STEP_TIMEOUT_MS: '1500',
      SAGA_STEP_MAX_ATTEMPTS: '1',
      SAGA_COMPENSATION_TIMEOUT_MS: '15000',
    });
  });

  afterAll(async () => {
    if (stack) await sendJson('DELETE', `${stack.payment.url}/admin/faults`).catch(() => undefined);
    await stack?.stop();
  });

  test('a late PaymentAuthorized after the payment step timed out triggers a refund; the order is REJECTED', async () => {
    const sku = await freshSku(stack.inventory, 10);
    await sendJson('PUT', `${stack.payment.url}/admin/faults`, { latencyMs: 3_000 });
    const orderId = await place(stack.order, orderFor(sku));

    const order = await waitForOutcome(stack.order, orderId, 60_000);
    expect(order.status).toBe('REJECTED');
    expect(order.rejectionReason).toMatchObject({ step: 'PAYMENT', code: 'TIMEOUT' });

    const history = await waitFor(`order ${orderId} to record the late reply`, async () => {
      const { body } = await getJson(`${stack.order.url}/orders/${orderId}/history`);
      return body.events.some((e: any) => e.type === 'OrderLateReplyHandled') ? body.events : undefined;
    });
    expect(history.find((e: any) => e.type === 'OrderLateReplyHandled').payload).toMatchObject({
      step: 'PAYMENT',
      replyType: 'PaymentAuthorized',
      action: 'REFUND_PAYMENT',
    });
    // Never charged in the end: whatever was captured was refunded, once.
    const payment = await waitFor(`payment of ${orderId} refunded`, async () => {
      const { body } = await paymentOf(stack.payment, orderId);
      return body.status === 'REFUNDED' ? body : undefined;
    });
    expect(payment.refundedAmount).toBe(payment.capturedAmount);
    expect(payment.capturedAmount).toBe(20);
    // Nothing was reserved or shipped for it.
    expect((await getJson(`${stack.inventory.url}/inventory/reservations/${orderId}`)).status).toBe(404);
  });
});
