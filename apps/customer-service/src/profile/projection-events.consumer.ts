import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  CustomerFlagCleared,
  CustomerFlagged,
  OrderLabelOverdue,
  PurchaseEnriched,
  Topics,
} from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { addToProfile, insertPurchase } from './profile-rows.js';

/**
 * The consumer group of the profile: its own, so the read side's backlog (a replay of projection.events, kept
 * forever) never delays registrations, and resetting it rebuilds the profiles without touching the aggregator's
 * offsets.
 */
export const customerProfileGroup = 'customer-profile';

/**
 * projection.events into the customers' profiles (the article's enrichment, back in the owner's database): each
 * PurchaseEnriched once by its event id (inbox) and once by its order (customer_purchases' key), with the profile's
 * totals in the same transaction. The flags and SLA alerts on the topic are payment's and the operators' business:
 * validated, recorded in the inbox, ignored.
 */
@Controller()
export class ProjectionEventsConsumer {
  private readonly handlers: HandlerMap;

  constructor(private readonly consumer: MessageConsumer) {
    this.handlers = HandlerMap.create()
      .on(PurchaseEnriched, async (event, tx) => {
        if (await insertPurchase(tx, event.payload, event.envelope.eventId)) {
          await addToProfile(tx, event.payload);
        }
      })
      .ignore(CustomerFlagged, CustomerFlagCleared, OrderLabelOverdue);
  }

  @EventPattern(Topics.projectionEvents)
  async onEvent(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }
}
