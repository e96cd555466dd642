import type { PaymentRefundedPayload } from '@edr/contracts';
import type { Payment } from '../payment.entity.js';

export type RefundAction =
  /** AUTHORIZED: refund everything captured. */
  | 'REFUND'
  /** No row: the refund overtook its authorization; record a VOIDED tombstone so that authorization is refused. */
  | 'RECORD_TOMBSTONE'
  /** AWAITING_CUSTOMER: nothing captured yet; decline the parked authorization so it never captures. */
  | 'CANCEL_WAIT'
  /** Already refunded, declined or voided: nothing to undo, but the orchestrator still gets its answer. */
  | 'NONE';

export interface RefundPlan {
  readonly action: RefundAction;
  readonly reply: Omit<PaymentRefundedPayload, 'orderId'>;
}

export type RefundablePayment = Pick<Payment, 'status' | 'paymentId' | 'capturedAmount' | 'refundedAmount'>;

/** What RefundPayment does to the order's payment, and what it answers; a refund never exceeds the capture. */
export function planRefund(payment: RefundablePayment | null): RefundPlan {
  if (!payment) {
    return { action: 'RECORD_TOMBSTONE', reply: { paymentId: null, amountRefunded: 0, totalRefunded: 0 } };
  }
  switch (payment.status) {
    case 'AUTHORIZED':
      return {
        action: 'REFUND',
        reply: {
          paymentId: payment.paymentId,
          amountRefunded: payment.capturedAmount,
          totalRefunded: payment.capturedAmount,
        },
      };
    case 'REFUNDED':
      return {
        action: 'NONE',
        reply: { paymentId: payment.paymentId, amountRefunded: 0, totalRefunded: payment.refundedAmount },
      };
    case 'AWAITING_CUSTOMER':
      return {
        action: 'CANCEL_WAIT',
        reply: { paymentId: payment.paymentId, amountRefunded: 0, totalRefunded: 0 },
      };
    case 'DECLINED':
      return { action: 'NONE', reply: { paymentId: payment.paymentId, amountRefunded: 0, totalRefunded: 0 } };
    case 'VOIDED':
      return { action: 'NONE', reply: { paymentId: null, amountRefunded: 0, totalRefunded: 0 } };
  }
}
