/**
 * Orders need an ACTIVE customer, and nobody calls customer-service to find out: payment-service decides on its own
 * copy of customers, kept from customer.events (docs/patterns/data-copies.md). An order for a customer that is
 * unknown, still PENDING or FAILED ends REJECTED with that reason; an order placed the moment a registration became
 * ACTIVE is approved even when payment's copy has not caught up yet, because payment waits for it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { getJson, sendJson, waitFor } from '@edr/testing';
import {
  registerCustomer,
  registrationEnded,
  sampleOrder,
  sampleRegistration,
  seededCustomers,
} from './harness.js';
import { type SagaStack, place, startSagaStack, waitForOutcome } from './saga-harness.js';

describe('orders for customers in each registration state', () => {
  let stack: SagaStack;

  beforeAll(async () => {
    stack = await startSagaStack();
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  test('an order placed right after its customer became ACTIVE is APPROVED', async () => {
    const customerId = await registerCustomer(stack.customer, sampleRegistration({ creditLimit: 2_000 }));
    expect((await registrationEnded(stack.customer, customerId)).status).toBe('ACTIVE');
    // No wait for payment's copy: the AuthorizePayment may well reach payment before CustomerCreated does.
    const orderId = await place(stack.order, sampleOrder({ customerId: customerId }));

    const order = await waitForOutcome(stack.order, orderId);
    expect(order.status).toBe('APPROVED');
    const credit = await getJson(`${stack.payment.url}/customers/${customerId}/credit`);
    expect(credit.body).toMatchObject({ status: 'ACTIVE', creditLimit: 2_000 });
  });

  test('a customer nobody registered: REJECTED (PAYMENT CUSTOMER_UNKNOWN) once payment stops waiting', async () => {
    const orderId = await place(stack.order, sampleOrder({ customerId: 'nobody-registered-this-one' }));

    const order = await waitForOutcome(stack.order, orderId);
    expect(order.status).toBe('REJECTED');
    expect(order.rejectionReason).toMatchObject({ step: 'PAYMENT', code: 'CUSTOMER_UNKNOWN' });
  });

  test('a customer whose registration failed (e-mail in use): REJECTED (PAYMENT CUSTOMER_REGISTRATION_FAILED)', async () => {
    const customerId = await registerCustomer(
      stack.customer,
      sampleRegistration({ email: `${seededCustomers.vip}@example.com` }),
    );
    const registration = await registrationEnded(stack.customer, customerId);
    expect(registration).toMatchObject({
      status: 'FAILED',
      reason: { part: 'contact', code: 'EMAIL_IN_USE' },
    });
    const orderId = await place(stack.order, sampleOrder({ customerId: customerId }));

    const order = await waitForOutcome(stack.order, orderId);
    expect(order.status).toBe('REJECTED');
    expect(order.rejectionReason).toMatchObject({ step: 'PAYMENT', code: 'CUSTOMER_REGISTRATION_FAILED' });
  });

  test('a customer still PENDING: REJECTED (PAYMENT CUSTOMER_PENDING) once payment stops waiting', async () => {
    // Every message customer-service consumes now waits 8 s, longer than payment waits (3 s): the parts cannot
    // finish in time, while payment learns of the registration from CustomerRegistrationStarted.
    await sendJson('PUT', `${stack.customer.url}/admin/faults`, { latencyMs: 8_000 });
    try {
      const customerId = await registerCustomer(stack.customer, sampleRegistration());
      await waitFor('payment to know the customer as PENDING', async () => {
        const { status, body } = await getJson(`${stack.payment.url}/customers/${customerId}/credit`);
        return status === 200 && body.status === 'PENDING' ? body : undefined;
      });
      const orderId = await place(stack.order, sampleOrder({ customerId: customerId }));

      const order = await waitForOutcome(stack.order, orderId);
      expect(order.status).toBe('REJECTED');
      expect(order.rejectionReason).toMatchObject({ step: 'PAYMENT', code: 'CUSTOMER_PENDING' });
    } finally {
      await sendJson('DELETE', `${stack.customer.url}/admin/faults`);
    }
  });
});
