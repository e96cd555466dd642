import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PaymentRefunded, type RefundPaymentPayload } from '@edr/contracts';
import type { IncomingEvent } from '@edr/messaging';
import type { Payment } from '../payment.entity.js';
import { insertTombstone, lockPayment, markRefunded } from '../payment-rows.js';
import { writeReply } from '../write-reply.js';
import { planRefund } from './refund-plan.js';

/**
 * RefundPayment, the compensation of AuthorizePayment: idempotent, and it always replies, also when repeated or
 * when there was nothing to refund.
 */
@Injectable()
export class RefundPaymentHandler {
  async handle(event: IncomingEvent, manager: EntityManager): Promise<void> {
    const { orderId } = event.envelope.payload as RefundPaymentPayload;
    const plan = planRefund(await this.currentPayment(orderId, manager));
    if (plan.action === 'REFUND') await markRefunded(manager, orderId);
    await writeReply(manager, event, PaymentRefunded, { orderId, ...plan.reply });
  }

  /** The locked row; null only if this command just recorded the tombstone (no payment existed). */
  private async currentPayment(orderId: string, manager: EntityManager): Promise<Payment | null> {
    const payment = await lockPayment(manager, orderId);
    if (payment) return payment;
    if (await insertTombstone(manager, orderId)) return null;
    // An AuthorizePayment for this order committed between the lookup and the insert: refund what it recorded.
    return lockPayment(manager, orderId);
  }
}
