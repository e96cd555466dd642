import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Authorizer } from '../authorize-payment/authorizer.js';
import type { CustomerStanding } from '../customer-copy/customer-standing.js';
import { recordedOutcome } from '../authorize-payment/recorded-outcome.js';
import type { AuthorizationDecision } from '../authorize-payment/decision.js';
import type { Payment } from '../payment.entity.js';
import { lockAwaitingOf, lockPayment, originOf, settleAwaiting } from '../payment-rows.js';
import { reply } from '../reply.js';

/**
 * Ends a parked authorization: records the decision and sends the one reply to the AuthorizePayment that parked it
 * (its correlation, caused by it, with its trace context), in the caller's transaction.
 */
@Injectable()
export class WaitingAuthorizations {
  constructor(private readonly authorizer: Authorizer) {}

  /**
   * Decides, under their row locks, the customer's parked authorizations that `standing` now decides (a customer
   * event or a flag changed it), and leaves the others parked.
   */
  async settleDecided(tx: EntityManager, customerId: string, standing: CustomerStanding): Promise<void> {
    for (const payment of await lockAwaitingOf(tx, customerId)) {
      const verdict = this.authorizer.verdict(customerId, payment.amount, standing);
      if (verdict.kind === 'decided') await this.settle(tx, payment, verdict.decision);
    }
  }

  async settle(tx: EntityManager, payment: Payment, decision: AuthorizationDecision): Promise<void> {
    await settleAwaiting(tx, payment.orderId, decision);
    const settled = await lockPayment(tx, payment.orderId);
    if (!settled) throw new Error(`payment row of order ${payment.orderId} vanished while it was settled`);
    const outcome = recordedOutcome(settled, {
      orderId: payment.orderId,
      customerId: payment.customerId ?? '',
      amount: payment.amount,
    });
    if (!outcome) throw new Error(`payment of order ${payment.orderId} still waits after it was settled`);
    await reply(tx, originOf(payment), outcome.definition, outcome.payload);
  }
}
