import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import type { AuthorizePayment } from '@edr/contracts';
import type { IncomingMessageOf } from '@edr/messaging';
import { lockCustomer } from '../customer-copy/customer-copies.js';
import { readStanding } from '../customer-copy/customer-standing.js';
import type { PaymentConfig } from '../payment.config.js';
import type { Payment } from '../payment.entity.js';
import { type NewPayment, insertPayment, lockPayment } from '../payment-rows.js';
import { reply } from '../reply.js';
import { CustomerWaitAnnouncer } from '../settle-waiting/customer-wait.announcer.js';
import { Authorizer } from './authorizer.js';
import { recordedOutcome } from './recorded-outcome.js';

/**
 * AuthorizePayment: decides once per order, records the outcome, and answers every delivery (a redelivery the inbox
 * let through, or the orchestrator's retry with a new message id) from that record, so an order is never charged
 * twice and always gets the same answer. When payment's copy does not know the customer as ACTIVE or FAILED yet,
 * the authorization is parked (AWAITING_CUSTOMER) and answered once, when it is decided (settle-waiting); deliveries
 * while it waits get no reply of their own.
 */
@Injectable()
export class AuthorizePaymentHandler {
  constructor(
    private readonly authorizer: Authorizer,
    private readonly announcer: CustomerWaitAnnouncer,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
  ) {}

  async handle(command: IncomingMessageOf<typeof AuthorizePayment>, tx: EntityManager): Promise<void> {
    const payment = await this.recordedOrNew(command, tx);
    const outcome = recordedOutcome(payment, command.payload);
    if (outcome) await reply(tx, command, outcome.definition, outcome.payload);
  }

  private async recordedOrNew(
    command: IncomingMessageOf<typeof AuthorizePayment>,
    tx: EntityManager,
  ): Promise<Payment> {
    const { orderId, customerId, amount } = command.payload;
    const recorded = await lockPayment(tx, orderId);
    if (recorded) return recorded;
    await lockCustomer(tx, customerId);
    const verdict = this.authorizer.verdict(customerId, amount, await readStanding(tx, customerId));
    const outcome: NewPayment['outcome'] =
      verdict.kind === 'decided'
        ? verdict.decision
        : { until: new Date(Date.now() + this.config.payment.customerWaitMs), origin: command };
    // If a concurrent delivery inserted first, this insert does nothing and the lock below waits for its commit.
    const inserted = await insertPayment(tx, {
      orderId,
      paymentId: randomUUID(),
      customerId,
      amount,
      outcome,
    });
    // Announced before the commit, but the deadline is the wait away: by then the row is committed and visible.
    if (inserted && 'until' in outcome) this.announcer.announce(outcome.until);
    const payment = await lockPayment(tx, orderId);
    if (!payment) throw new Error(`payment row of order ${orderId} vanished after its insert`);
    return payment;
  }
}
