import {
  type AuthorizePaymentPayload,
  FailureCodes,
  PaymentAuthorized,
  PaymentDeclined,
} from '@edr/contracts';
import { type OutgoingReply, outgoingReply } from '@edr/messaging';
import type { Payment } from '../payment.entity.js';

export type AuthorizationReply =
  OutgoingReply<typeof PaymentAuthorized> | OutgoingReply<typeof PaymentDeclined>;

export type RecordedPayment = Pick<
  Payment,
  | 'orderId'
  | 'paymentId'
  | 'customerId'
  | 'amount'
  | 'status'
  | 'declineCode'
  | 'declineDetail'
  | 'capturedAmount'
>;

/**
 * The answer to an AuthorizePayment, read from the order's row only. A first command and every retry of it (a new
 * message id, attempt n) therefore get the same reply: same paymentId, same amount, same decline code. Null while the
 * authorization waits for its customer: the reply is sent once, when it is decided (see settle-waiting).
 */
export function recordedOutcome(
  payment: RecordedPayment,
  command: Pick<AuthorizePaymentPayload, 'orderId' | 'customerId' | 'amount'>,
): AuthorizationReply | null {
  const { orderId } = command;
  switch (payment.status) {
    case 'AWAITING_CUSTOMER':
      return null;
    // A refunded payment was authorized first: that is still the answer to "authorize", and the saga, which
    // has already compensated, treats it as a late reply whose refund is a no-op.
    case 'AUTHORIZED':
    case 'REFUNDED':
      return outgoingReply(PaymentAuthorized, {
        orderId,
        paymentId: recorded(payment.paymentId, 'payment_id', payment),
        customerId: recorded(payment.customerId, 'customer_id', payment),
        amount: payment.capturedAmount,
      });
    case 'DECLINED':
      return outgoingReply(PaymentDeclined, {
        orderId,
        customerId: recorded(payment.customerId, 'customer_id', payment),
        amount: payment.amount,
        code: recorded(payment.declineCode, 'decline_code', payment),
        detail: payment.declineDetail ?? '',
      });
    case 'VOIDED':
      return outgoingReply(PaymentDeclined, {
        orderId,
        customerId: command.customerId,
        amount: command.amount,
        code: FailureCodes.alreadyCompensated,
        detail: `order ${orderId} was already compensated (RefundPayment arrived before AuthorizePayment); nothing was charged`,
      });
  }
}

// The table's check constraints guarantee these for every non-VOIDED row.
const recorded = <T extends string>(value: T | null, column: string, payment: RecordedPayment): T => {
  if (value === null)
    throw new Error(`payments row of order ${payment.orderId} (${payment.status}) has no ${column}`);
  return value;
};
