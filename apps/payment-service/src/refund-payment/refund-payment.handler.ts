import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PaymentRefunded, type RefundPayment } from '@edr/contracts';
import type { IncomingMessageOf } from '@edr/messaging';
import type { Payment } from '../payment.entity.js';
import { alreadyCompensated } from '../authorize-payment/decision.js';
import { insertTombstone, lockPayment, markRefunded, settleAwaiting } from '../payment-rows.js';
import { reply } from '../reply.js';
import { planRefund } from './compensation-plan.js';

/**
 * RefundPayment, the compensation of AuthorizePayment: idempotent, and it always replies, also when repeated or
 * when there was nothing to refund.
 */
@Injectable()
export class RefundPaymentHandler {
  async handle(command: IncomingMessageOf<typeof RefundPayment>, tx: EntityManager): Promise<void> {
    const { orderId } = command.payload;
    const plan = planRefund(await this.currentPayment(orderId, tx));
    if (plan.action === 'REFUND') await markRefunded(tx, orderId);
    // The saga gave up on this payment while it waited for its customer: the wait ends without a reply (the saga
    // no longer needs one), and a retried AuthorizePayment is answered ALREADY_COMPENSATED from the row.
    if (plan.action === 'CANCEL_WAIT') await settleAwaiting(tx, orderId, alreadyCompensated(orderId));
    await reply(tx, command, PaymentRefunded, { orderId, ...plan.reply });
  }

  /** The locked row; null only if this command just recorded the tombstone (no payment existed). */
  private async currentPayment(orderId: string, tx: EntityManager): Promise<Payment | null> {
    const payment = await lockPayment(tx, orderId);
    if (payment) return payment;
    if (await insertTombstone(tx, orderId)) return null;
    // An AuthorizePayment for this order committed between the lookup and the insert: refund what it recorded.
    return lockPayment(tx, orderId);
  }
}
