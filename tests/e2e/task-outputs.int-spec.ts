import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { type RunningService, getJson, startWorker, waitFor } from '@edr/testing';
import {
  type SagaStack,
  freshSku,
  orderFor,
  place,
  startSagaStack,
  waitForOutcomes,
} from './saga-harness.js';

jest.setTimeout(240_000);

/**
 * What an approved order leaves behind besides its saga: a shipping label rendered by the label workers (two
 * instances, competing) and a confirmation mail rendered by order-service's background group, both through
 * @edr/tasks on the real outbox → Debezium → Kafka path.
 */
describe('async task outputs of approved orders (real Postgres, Kafka, Debezium)', () => {
  let stack: SagaStack;
  const workers: RunningService[] = [];

  beforeAll(async () => {
    stack = await startSagaStack();
    for (const instance of [1, 2]) workers.push(await startWorker('label', instance));
  });

  afterAll(async () => {
    await Promise.allSettled(workers.map((w) => w.stop()));
    await stack?.stop();
  });

  test('every approved order gets its label PDF and its confirmation mail', async () => {
    const sku = await freshSku(stack.inventory, 100);
    const orderIds: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      orderIds.push(await place(stack.order, orderFor(sku)));
    }
    const outcomes = await waitForOutcomes(stack.order, orderIds);
    expect(outcomes.map((o) => o.status)).toEqual(orderIds.map(() => 'APPROVED'));

    for (const orderId of orderIds) {
      const confirmation = await waitFor(
        `the confirmation of order ${orderId}`,
        async () => {
          const { status, body } = await getJson(`${stack.order.url}/orders/${orderId}/confirmation`);
          return status === 200 ? body : undefined;
        },
        60_000,
        200,
      );
      expect(confirmation).toMatchObject({
        orderId,
        subject: `Your order ${orderId} is confirmed`,
        text: expect.stringContaining('Total: 20.00'),
        html: expect.stringContaining(`<strong>${orderId}</strong>`),
        task: { state: 'DONE', kind: 'RenderOrderConfirmation', attempts: 1 },
      });

      const shipment = await waitFor(
        `the label of order ${orderId}`,
        async () => {
          const { body } = await getJson(`${stack.shipping.url}/shipments/${orderId}`);
          return body.label?.state === 'DONE' ? body : undefined;
        },
        60_000,
        200,
      );
      expect(shipment.label.workerId).toMatch(/^label-worker-[12]$/);
      const response = await fetch(`${stack.shipping.url}/shipments/${orderId}/label`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      expect(pdf).toContain(`(Shipping label ${shipment.trackingNumber as string})`);
    }
  });

  test('an order that is not approved has no confirmation: 404 with state null', async () => {
    const { status, body } = await getJson(
      `${stack.order.url}/orders/00000000-0000-4000-8000-000000000000/confirmation`,
    );
    expect(status).toBe(404);
    expect(body).toMatchObject({ state: null, message: expect.stringContaining('has no confirmation task') });
  });
});
