import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  activeCustomer,
  getJson,
  infra,
  recordTap,
  repoRoot,
  sendJson,
  startApp,
  waitFor,
} from '@edr/testing';
import {
  type SagaStack,
  duplicator,
  freshSku,
  historyTypes,
  orderFor,
  paymentOf,
  place,
  shipmentOf,
  startSagaStack,
  stockOf,
  waitForOutcome,
} from './saga-harness.js';

jest.setTimeout(180_000);

const infraBrokers = () => infra.kafkaBrokers.join(',');

const approvedHistory = [
  'OrderPlaced',
  'OrderPaymentAuthorized',
  'OrderInventoryReserved',
  'OrderShipmentScheduled',
  'OrderApproved',
];

describe('the order saga on real Postgres, Kafka and Debezium', () => {
  let stack: SagaStack;

  beforeAll(async () => {
    stack = await startSagaStack({ SAGA_STEP_TIMEOUT_MS: '5000' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  test('happy path: APPROVED with payment captured, stock reserved and shipment scheduled', async () => {
    const sku = await freshSku(stack.inventory, 10);
    const orderId = await place(stack.order, orderFor(sku));
    const order = await waitForOutcome(stack.order, orderId);

    expect(order).toMatchObject({ status: 'APPROVED', rejectionReason: null, total: 20 });
    expect(order.saga).toMatchObject({
      phase: 'APPROVED',
      step: null,
      completedSteps: ['PAYMENT', 'INVENTORY', 'SHIPPING'],
      pendingCompensations: [],
    });
    expect((await paymentOf(stack.payment, orderId)).body).toMatchObject({
      status: 'AUTHORIZED',
      capturedAmount: 20,
      refundedAmount: 0,
    });
    expect(await stockOf(stack.inventory, sku)).toMatchObject({ onHand: 10, reserved: 2, available: 8 });
    expect((await shipmentOf(stack.shipping, orderId)).body).toMatchObject({ status: 'SCHEDULED' });
    expect(await historyTypes(stack.order, orderId)).toEqual(approvedHistory);
  });

  test('history has versions and times, and ?at= replays the order as it was then', async () => {
    const sku = await freshSku(stack.inventory, 5);
    const orderId = await place(stack.order, orderFor(sku));
    await waitForOutcome(stack.order, orderId);
    const { body } = await getJson(`${stack.order.url}/orders/${orderId}/history`);
    expect(body.events.map((e: any) => e.version)).toEqual([1, 2, 3, 4, 5]);
    const [placed, paid] = body.events;
    expect(new Date(paid.occurredAt).getTime()).toBeGreaterThanOrEqual(new Date(placed.occurredAt).getTime());

    const atPlaced = await getJson(`${stack.order.url}/orders/${orderId}?at=${placed.occurredAt}`);
    expect(atPlaced.body).toMatchObject({ status: 'PENDING', version: 1, asOf: placed.occurredAt });
    expect(atPlaced.body.saga).toBeUndefined();
    const atPaid = await getJson(`${stack.order.url}/orders/${orderId}?at=${paid.occurredAt}`);
    expect(atPaid.body).toMatchObject({ status: 'PAYMENT_AUTHORIZED', version: 2 });

    const before = new Date(new Date(placed.occurredAt).getTime() - 60_000).toISOString();
    expect((await getJson(`${stack.order.url}/orders/${orderId}?at=${before}`)).status).toBe(404);
    const bad = await getJson(`${stack.order.url}/orders/${orderId}?at=yesterday`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('at');
  });

  test('payment declined (total over the customer limit of 5000): REJECTED, nothing reserved or shipped', async () => {
    const sku = await freshSku(stack.inventory, 1_000);
    const orderId = await place(stack.order, {
      ...orderFor(sku),
      customerId: await activeCustomer(stack.customer.url, 5_000),
      items: [{ sku, quantity: 501, unitPrice: 10 }],
    });
    const order = await waitForOutcome(stack.order, orderId);

    expect(order.status).toBe('REJECTED');
    expect(order.rejectionReason).toMatchObject({ step: 'PAYMENT', code: 'CREDIT_LIMIT_EXCEEDED' });
    expect((await paymentOf(stack.payment, orderId)).body).toMatchObject({
      status: 'DECLINED',
      capturedAmount: 0,
    });
    expect(await stockOf(stack.inventory, sku)).toMatchObject({ reserved: 0, available: 1_000 });
    expect((await shipmentOf(stack.shipping, orderId)).status).toBe(404);
    expect(await historyTypes(stack.order, orderId)).toEqual(['OrderPlaced', 'OrderRejected']);
  });

  test.each([
    ['out of stock', 1, 'OUT_OF_STOCK'],
    ['unknown SKU', null, 'UNKNOWN_SKU'],
  ])('%s: payment refunded, nothing left reserved, REJECTED', async (_name, onHand, code) => {
    const sku = onHand === null ? `NO-SUCH-${Date.now()}` : await freshSku(stack.inventory, onHand);
    const orderId = await place(stack.order, orderFor(sku));
    const order = await waitForOutcome(stack.order, orderId);

    expect(order.status).toBe('REJECTED');
    expect(order.rejectionReason).toMatchObject({ step: 'INVENTORY', code });
    expect(order.compensationsDone).toEqual(['REFUND_PAYMENT']);
    expect((await paymentOf(stack.payment, orderId)).body).toMatchObject({
      status: 'REFUNDED',
      capturedAmount: 20,
      refundedAmount: 20,
    });
    if (onHand !== null) {
      expect(await stockOf(stack.inventory, sku)).toMatchObject({ onHand, reserved: 0, available: onHand });
    }
    expect((await shipmentOf(stack.shipping, orderId)).status).toBe(404);
    expect(await historyTypes(stack.order, orderId)).toEqual([
      'OrderPlaced',
      'OrderPaymentAuthorized',
      'OrderRejectionStarted',
      'OrderCompensated',
      'OrderRejected',
    ]);
  });

  test('unsupported destination (AQ): stock released and payment refunded, REJECTED', async () => {
    const sku = await freshSku(stack.inventory, 10);
    const orderId = await place(
      stack.order,
      orderFor(sku, {
        shippingAddress: { line1: 'Base 1', city: 'McMurdo', postalCode: '0', country: 'AQ' },
      }),
    );
    const order = await waitForOutcome(stack.order, orderId);

    expect(order.status).toBe('REJECTED');
    expect(order.rejectionReason).toMatchObject({ step: 'SHIPPING', code: 'UNSUPPORTED_DESTINATION' });
    expect([...order.compensationsDone].sort()).toEqual(['REFUND_PAYMENT', 'RELEASE_INVENTORY']);
    expect((await paymentOf(stack.payment, orderId)).body).toMatchObject({
      status: 'REFUNDED',
      refundedAmount: 20,
    });
    expect(await stockOf(stack.inventory, sku)).toMatchObject({ onHand: 10, reserved: 0, available: 10 });
    expect((await shipmentOf(stack.shipping, orderId)).body).toMatchObject({ status: 'FAILED' });
  });

  test('every command and reply delivered twice: no double charge, reservation or shipment', async () => {
    const dup = await duplicator();
    try {
      const okSku = await freshSku(stack.inventory, 10);
      const failSku = await freshSku(stack.inventory, 10);
      const okId = await place(stack.order, orderFor(okSku));
      await dup.watch(okId);
      const failId = await place(
        stack.order,
        orderFor(failSku, { shippingAddress: { line1: 'x', city: 'y', postalCode: '1', country: 'AQ' } }),
      );
      await dup.watch(failId);

      const [ok, failed] = await Promise.all([
        waitForOutcome(stack.order, okId),
        waitForOutcome(stack.order, failId),
      ]);
      // Let the last duplicates (of the final replies) arrive and be skipped.
      await new Promise((r) => setTimeout(r, 2_000));

      // Commands and replies of both sagas: 6 for the approved one, 9 for the rejected one (3 forward, 2 undo).
      expect(dup.count()).toBeGreaterThanOrEqual(15);
      expect(ok.status).toBe('APPROVED');
      expect(await historyTypes(stack.order, okId)).toEqual(approvedHistory);
      expect((await paymentOf(stack.payment, okId)).body).toMatchObject({
        capturedAmount: 20,
        refundedAmount: 0,
      });
      expect(await stockOf(stack.inventory, okSku)).toMatchObject({ reserved: 2, available: 8 });
      expect((await shipmentOf(stack.shipping, okId)).body).toMatchObject({ status: 'SCHEDULED' });

      expect(failed.status).toBe('REJECTED');
      expect((await paymentOf(stack.payment, failId)).body).toMatchObject({
        capturedAmount: 20,
        refundedAmount: 20,
      });
      expect(await stockOf(stack.inventory, failSku)).toMatchObject({ reserved: 0, available: 10 });
      const failedHistory = await historyTypes(stack.order, failId);
      expect(failedHistory.filter((t) => t === 'OrderCompensated')).toHaveLength(2);
      expect(failedHistory.filter((t) => t === 'OrderRejected')).toHaveLength(1);
    } finally {
      await dup.stop();
    }
  });

  test('a command dead-lettered after its retries: the saga retries the step, and a redrive after the fix changes nothing', async () => {
    const sku = await freshSku(stack.inventory, 10);
    const deadLetters = await recordTap('inventory.commands.dlq');
    await sendJson('PUT', `${stack.inventory.url}/admin/faults`, { errorProbability: 1 });
    let orderId = '';
    try {
      orderId = await place(stack.order, orderFor(sku));
      const parked = await deadLetters.find(
        (m) => m.key?.toString() === orderId,
        'the ReserveInventory dead letter',
      );
      expect(parked.headers?.['dlq.error']?.toString()).toContain('InjectedTransientError');
      expect(parked.headers?.['dlq.attempts']?.toString()).toBe('5');
    } finally {
      await sendJson('DELETE', `${stack.inventory.url}/admin/faults`);
      await deadLetters.stop();
    }
    // The step's deadline sends ReserveInventory again (a new message), which now goes through.
    const order = await waitForOutcome(stack.order, orderId);
    expect(order.status).toBe('APPROVED');
    expect(order.saga.attempts).toBe(0);

    const dlq = (...args: string[]) =>
      spawnSync('npx', ['tsx', '--conditions=development', 'tools/dlq/src/cli.ts', ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, KAFKA_BROKERS: infraBrokers() },
      });
    const redrive = dlq('redrive', 'inventory.commands');
    expect(redrive.status).toBe(0);
    const listed = dlq('list', 'inventory.commands', '--json')
      .stdout.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string; redriven: boolean });
    expect(listed.filter((r) => r.key === orderId)).toEqual([expect.objectContaining({ redriven: true })]);

    // The redriven command is answered from the recorded reservation; the saga sees a duplicate and changes nothing.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await historyTypes(stack.order, orderId)).toEqual(approvedHistory);
    expect(await stockOf(stack.inventory, sku)).toMatchObject({ reserved: 2, available: 8 });
  });

  test('a participant killed with SIGKILL mid-saga and restarted: the order still finishes', async () => {
    const sku = await freshSku(stack.inventory, 10);
    await sendJson('PUT', `${stack.inventory.url}/admin/faults`, { latencyMs: 3_000 });
    const orderId = await place(stack.order, orderFor(sku));
    await waitFor(`order ${orderId} waiting for inventory`, async () => {
      const { body } = await getJson(`${stack.order.url}/orders/${orderId}`);
      return body.saga?.step === 'INVENTORY' ? true : undefined;
    });
    await new Promise((r) => setTimeout(r, 500)); // the reservation is now inside its transaction, sleeping
    await stack.inventory.kill();
    stack.inventory = await startApp('inventory', { CONSUMER_BACKOFF_MS: '20' });

    const order = await waitForOutcome(stack.order, orderId);
    expect(order.status).toBe('APPROVED');
    expect(await stockOf(stack.inventory, sku)).toMatchObject({ reserved: 2 });
  });

  test('the order service killed with SIGKILL mid-saga resumes where it stopped', async () => {
    const sku = await freshSku(stack.inventory, 10);
    await sendJson('PUT', `${stack.shipping.url}/admin/faults`, { latencyMs: 2_000 });
    try {
      const orderId = await place(stack.order, orderFor(sku));
      await waitFor(`order ${orderId} waiting for shipping`, async () => {
        const { body } = await getJson(`${stack.order.url}/orders/${orderId}`);
        return body.saga?.step === 'SHIPPING' ? true : undefined;
      });
      await stack.order.kill();
      stack.order = await startApp('order', { SAGA_STEP_TIMEOUT_MS: '5000', CONSUMER_BACKOFF_MS: '20' });

      const order = await waitForOutcome(stack.order, orderId);
      expect(order.status).toBe('APPROVED');
      expect(await historyTypes(stack.order, orderId)).toEqual(approvedHistory);
      expect((await shipmentOf(stack.shipping, orderId)).body).toMatchObject({ status: 'SCHEDULED' });
    } finally {
      await sendJson('DELETE', `${stack.shipping.url}/admin/faults`);
    }
  });
});
