import { describe, expect, test } from '@jest/globals';
import { PaymentAuthorized, PaymentDeclined } from '@edr/contracts';
import { type RecordedPayment, recordedOutcome } from './recorded-outcome.js';

const orderId = '6f1c1c4e-8d7e-4a53-9f59-2d7f0f1d6a11';
const paymentId = '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10';
const command = { orderId, customerId: 'c-1', amount: 42.5, attempt: 2 };

const row = (overrides: Partial<RecordedPayment>): RecordedPayment => ({
  orderId,
  paymentId,
  customerId: 'c-1',
  amount: 42.5,
  status: 'AUTHORIZED',
  declineCode: null,
  declineDetail: null,
  capturedAmount: 42.5,
  ...overrides,
});

describe('recordedOutcome', () => {
  test('an authorized payment answers PaymentAuthorized with its payment id and captured amount', () => {
    expect(recordedOutcome(row({}), command)).toEqual({
      definition: PaymentAuthorized,
      payload: { orderId, paymentId, customerId: 'c-1', amount: 42.5 },
    });
  });

  test('the recorded amount wins over a retried command that asks for something else', () => {
    expect(recordedOutcome(row({}), { ...command, amount: 99 })).toMatchObject({
      payload: { amount: 42.5 },
    });
  });

  test('a refunded payment still answers with its authorization', () => {
    expect(recordedOutcome(row({ status: 'REFUNDED' }), command)).toMatchObject({
      definition: PaymentAuthorized,
      payload: { paymentId, amount: 42.5 },
    });
  });

  test('a declined payment answers PaymentDeclined with the recorded code and detail', () => {
    const declined = row({
      status: 'DECLINED',
      capturedAmount: 0,
      declineCode: 'CREDIT_LIMIT_EXCEEDED',
      declineDetail: 'amount 42.50 exceeds the credit limit 10.00 of customer c-1',
    });
    expect(recordedOutcome(declined, command)).toEqual({
      definition: PaymentDeclined,
      payload: {
        orderId,
        customerId: 'c-1',
        amount: 42.5,
        code: 'CREDIT_LIMIT_EXCEEDED',
        detail: 'amount 42.50 exceeds the credit limit 10.00 of customer c-1',
      },
    });
  });

  test('an authorization that waits for its customer has no answer yet', () => {
    const waiting = row({ status: 'AWAITING_CUSTOMER', capturedAmount: 0 });
    expect(recordedOutcome(waiting, command)).toBeNull();
  });

  test('a VOIDED tombstone refuses with ALREADY_COMPENSATED', () => {
    const tombstone = row({
      status: 'VOIDED',
      paymentId: null,
      customerId: null,
      amount: 0,
      capturedAmount: 0,
    });
    expect(recordedOutcome(tombstone, command)).toMatchObject({
      definition: PaymentDeclined,
      payload: { orderId, customerId: 'c-1', amount: 42.5, code: 'ALREADY_COMPENSATED' },
    });
  });
});
