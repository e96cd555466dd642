import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthorizePayment, AuthorizePaymentPayload } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import type { IncomingMessageOf } from '@edr/messaging';
import { CreditLimits } from '../credit-limits/credit-limits.js';
import type { Payment } from '../payment.entity.js';
import { insertPayment, lockPayment } from '../payment-rows.js';
import { reply } from '../reply.js';
import { type AuthorizationDecision, decideCredit, injectedDecline } from './decision.js';
import { recordedOutcome } from './recorded-outcome.js';

/**
 * AuthorizePayment: decides once per order, records the outcome, and answers every delivery (a redelivery the inbox
 * let through, or the orchestrator's retry with a new message id) from that record, so an order is never charged
 * twice and always gets the same answer.
 */
@Injectable()
export class AuthorizePaymentHandler {
  constructor(
    private readonly creditLimits: CreditLimits,
    private readonly faults: FaultInjector,
  ) {}

  async handle(command: IncomingMessageOf<typeof AuthorizePayment>, tx: EntityManager): Promise<void> {
    const payment = await this.recordedOrNew(command.payload, tx);
    const outcome = recordedOutcome(payment, command.payload);
    await reply(tx, command, outcome.definition, outcome.payload);
  }

  private async recordedOrNew(command: AuthorizePaymentPayload, tx: EntityManager): Promise<Payment> {
    const recorded = await lockPayment(tx, command.orderId);
    if (recorded) return recorded;
    const decision = await this.decide(command, tx);
    // If a concurrent delivery inserted first, this insert does nothing and the lock below waits for its commit.
    await insertPayment(tx, {
      orderId: command.orderId,
      paymentId: randomUUID(),
      customerId: command.customerId,
      amount: command.amount,
      status: decision.approved ? 'AUTHORIZED' : 'DECLINED',
      declineCode: decision.approved ? null : decision.code,
      declineDetail: decision.approved ? null : decision.detail,
    });
    const payment = await lockPayment(tx, command.orderId);
    if (!payment) throw new Error(`payment row of order ${command.orderId} vanished after its insert`);
    return payment;
  }

  private async decide(command: AuthorizePaymentPayload, tx: EntityManager): Promise<AuthorizationDecision> {
    const limit = await this.creditLimits.of(command.customerId, tx);
    const decision = decideCredit(command.amount, limit);
    // Injected declines only turn a yes into a no, like a gateway outage would; a no stays the real reason.
    if (decision.approved && this.faults.shouldDecline()) {
      return injectedDecline(this.faults.settings().declineProbability);
    }
    return decision;
  }
}
