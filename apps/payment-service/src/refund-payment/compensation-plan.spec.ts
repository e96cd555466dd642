import { describe, expect, test } from '@jest/globals';
import { planRefund } from './compensation-plan.js';

const paymentId = '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10';

describe('planRefund', () => {
  test('an authorized payment is refunded in full', () => {
    expect(planRefund({ status: 'AUTHORIZED', paymentId, capturedAmount: 33.99, refundedAmount: 0 })).toEqual(
      {
        action: 'REFUND',
        reply: { paymentId, amountRefunded: 33.99, totalRefunded: 33.99 },
      },
    );
  });

  test('a repeated refund refunds nothing more and reports the total', () => {
    expect(
      planRefund({ status: 'REFUNDED', paymentId, capturedAmount: 33.99, refundedAmount: 33.99 }),
    ).toEqual({
      action: 'NONE',
      reply: { paymentId, amountRefunded: 0, totalRefunded: 33.99 },
    });
  });

  test('a declined payment has nothing to refund but names its payment', () => {
    expect(planRefund({ status: 'DECLINED', paymentId, capturedAmount: 0, refundedAmount: 0 })).toEqual({
      action: 'NONE',
      reply: { paymentId, amountRefunded: 0, totalRefunded: 0 },
    });
  });

  test('an authorization waiting for its customer is cancelled; nothing was captured', () => {
    expect(
      planRefund({ status: 'AWAITING_CUSTOMER', paymentId, capturedAmount: 0, refundedAmount: 0 }),
    ).toEqual({
      action: 'CANCEL_WAIT',
      reply: { paymentId, amountRefunded: 0, totalRefunded: 0 },
    });
  });

  test('no payment yet: record a tombstone, reply with no payment', () => {
    expect(planRefund(null)).toEqual({
      action: 'RECORD_TOMBSTONE',
      reply: { paymentId: null, amountRefunded: 0, totalRefunded: 0 },
    });
  });

  test('a tombstone refunded again stays a no-op', () => {
    expect(planRefund({ status: 'VOIDED', paymentId: null, capturedAmount: 0, refundedAmount: 0 })).toEqual({
      action: 'NONE',
      reply: { paymentId: null, amountRefunded: 0, totalRefunded: 0 },
    });
  });
});
