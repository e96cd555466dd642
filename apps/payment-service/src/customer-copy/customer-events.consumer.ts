import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import {
  CustomerCreated,
  CustomerRegistrationFailed,
  CustomerRegistrationStarted,
  Topics,
} from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { WaitingAuthorizations } from '../settle-waiting/waiting-authorizations.js';
import { findCopy, lockCustomer, saveCopy } from './customer-copies.js';
import { type CustomerEvent, applyCustomerEvent } from './customer-copy.rules.js';
import { findFlag } from './customer-flags.js';

/**
 * The consumer group that keeps the copy (customer.events, and the flags of projection.events); its own, so a backlog
 * of saga commands does not delay the copy.
 */
export const customerCopyGroup = 'payment-customer-copy';

/**
 * customer.events into payment's copy of customers, each event once (inbox) in one transaction with its effects:
 * the copy's new state, and the decision and reply of every authorization that waited for this customer's outcome.
 */
@Controller()
export class CustomerEventsConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    private readonly waiting: WaitingAuthorizations,
  ) {
    this.handlers = HandlerMap.create()
      .on(CustomerRegistrationStarted, (event, tx) =>
        this.apply({ type: 'CustomerRegistrationStarted', payload: event.payload }, tx),
      )
      .on(CustomerCreated, (event, tx) => this.apply({ type: 'CustomerCreated', payload: event.payload }, tx))
      .on(CustomerRegistrationFailed, (event, tx) =>
        this.apply({ type: 'CustomerRegistrationFailed', payload: event.payload }, tx),
      );
  }

  @EventPattern(Topics.customerEvents)
  async onEvent(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }

  private async apply(event: CustomerEvent, tx: EntityManager): Promise<void> {
    const { customerId } = event.payload;
    await lockCustomer(tx, customerId);
    const next = applyCustomerEvent(await findCopy(tx, customerId), event);
    if (!next) return;
    await saveCopy(tx, next);
    if (next.status === 'PENDING') return;
    const standing = { copy: next, flag: await findFlag(tx, customerId) };
    await this.waiting.settleDecided(tx, customerId, standing);
  }
}
