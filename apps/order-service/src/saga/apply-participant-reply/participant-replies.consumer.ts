import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageHeaders, Topics } from '@edr/contracts';
import { type HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { sagaReplyHandlers } from '../participant-reply.js';
import { ApplyParticipantReplyCommand } from './apply-participant-reply.command.js';

/**
 * The saga's entry for participants' replies. The kit validates the record, opens the inbox transaction (a
 * redelivered reply is skipped there), retries with backoff and dead-letters; the command is awaited inside that
 * transaction, so the Kafka offset counts only after the saga's decision and the inbox row committed together.
 */
@Controller()
export class ParticipantRepliesConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    commandBus: CommandBus,
  ) {
    this.handlers = sagaReplyHandlers((reply, message, tx) => {
      const cause = {
        eventId: message.envelope.eventId,
        traceparent: message.headers[MessageHeaders.traceparent] ?? null,
      };
      return commandBus.execute(new ApplyParticipantReplyCommand(reply, cause, tx));
    });
  }

  @EventPattern(Topics.paymentEvents)
  async onPaymentEvent(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }

  @EventPattern(Topics.inventoryEvents)
  async onInventoryEvent(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }

  @EventPattern(Topics.shippingEvents)
  async onShippingEvent(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }
}
