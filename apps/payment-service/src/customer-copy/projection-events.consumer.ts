import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import {
  CustomerFlagCleared,
  CustomerFlagged,
  OrderLabelOverdue,
  PurchaseEnriched,
  Topics,
} from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { WaitingAuthorizations } from '../settle-waiting/waiting-authorizations.js';
import { lockCustomer } from './customer-copies.js';
import { findFlag, saveFlag } from './customer-flags.js';
import { type FlagEvent, applyFlagEvent, isHeld } from './customer-flag.rules.js';
import { readStanding } from './customer-standing.js';

/**
 * projection.events, in the copy's group (payment-customer-copy): CustomerFlagged holds a customer's payments,
 * CustomerFlagCleared lifts the hold, each once (inbox) in one transaction with its effects. A flag also decides the
 * customer's parked authorizations (declined CUSTOMER_FLAGGED), as a registration outcome would. The enrichment and
 * the SLA alerts on the topic are not payment's business: validated, recorded in the inbox, ignored.
 */
@Controller()
export class ProjectionEventsConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    private readonly waiting: WaitingAuthorizations,
  ) {
    this.handlers = HandlerMap.create()
      .on(CustomerFlagged, (event, tx) =>
        this.apply({ type: 'CustomerFlagged', eventId: event.envelope.eventId, payload: event.payload }, tx),
      )
      .on(CustomerFlagCleared, (event, tx) =>
        this.apply({ type: 'CustomerFlagCleared', payload: event.payload }, tx),
      )
      .ignore(PurchaseEnriched, OrderLabelOverdue);
  }

  @EventPattern(Topics.projectionEvents)
  async onEvent(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }

  private async apply(event: FlagEvent, tx: EntityManager): Promise<void> {
    const { customerId } = event.payload;
    await lockCustomer(tx, customerId);
    const next = applyFlagEvent(await findFlag(tx, customerId), event);
    if (!next) return;
    await saveFlag(tx, next);
    if (!isHeld(next)) return;
    const standing = await readStanding(tx, customerId);
    await this.waiting.settleDecided(tx, customerId, standing);
  }
}
