import { Controller, Inject, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topics } from '@edr/contracts';
import { type IncomingEvent, receiveFromContext } from '@edr/messaging';
import { SERVICE_CONFIG } from '@edr/config';
import type { OrderConfig } from '../order.config.js';
import { orderIdOf, toParticipantReply } from './participant-reply.js';
import { SagaCompletions, type SagaOutcome } from './saga-completions.js';
import { ParticipantReplied } from './saga-events.js';

/** Longer than any single saga transaction; past it the record is retried (the inbox makes that safe). */
const COMPLETION_TIMEOUT_MS = 30_000;

/**
 * Bridges participants' replies from Kafka onto the EventBus, where the order saga picks them up, and waits for the
 * saga's command to commit before the record counts as consumed. Validation, retries with backoff and the DLQ are
 * receiveRecord's; exactly-once is the saga transaction's (it writes the inbox row).
 */
@Controller()
export class ParticipantRepliesConsumer {
  private readonly logger = new Logger(ParticipantRepliesConsumer.name);

  constructor(
    private readonly eventBus: EventBus,
    private readonly completions: SagaCompletions,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
  ) {}

  @EventPattern(Topics.paymentEvents)
  onPaymentEvent(@Ctx() context: KafkaContext) {
    return this.consume(context);
  }

  @EventPattern(Topics.inventoryEvents)
  onInventoryEvent(@Ctx() context: KafkaContext) {
    return this.consume(context);
  }

  @EventPattern(Topics.shippingEvents)
  onShippingEvent(@Ctx() context: KafkaContext) {
    return this.consume(context);
  }

  private async consume(context: KafkaContext): Promise<void> {
    await receiveFromContext(context, this.config, (event) => this.bridge(event));
  }

  private async bridge(event: IncomingEvent): Promise<SagaOutcome> {
    const reply = toParticipantReply(event.envelope);
    if (!reply) {
      // Participants' topics may carry events meant for others; they are not the saga's business.
      this.logger.debug(`ignoring ${event.envelope.type} on ${event.topic}`);
      return 'processed';
    }
    const { trackingId, done } = this.completions.expect(COMPLETION_TIMEOUT_MS);
    this.eventBus.publish(
      new ParticipantReplied(
        orderIdOf(event.envelope),
        reply,
        {
          messageId: event.messageId,
          topic: event.topic,
          partition: event.partition,
          offset: event.offset,
          eventId: event.envelope.eventId,
          traceparent: event.headers['traceparent'] ?? null,
        },
        trackingId,
      ),
    );
    return done;
  }
}
