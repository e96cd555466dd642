import { Controller, Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource, type EntityManager } from 'typeorm';
import { MessageHeaders, Topics } from '@edr/contracts';
import { SERVICE_CONFIG } from '@edr/config';
import { type IncomingEvent, UnprocessableMessageError, consumeFromContext } from '@edr/messaging';
import type { OrderConfig } from '../../order.config.js';
import { type ParticipantReply, toParticipantReply } from '../participant-reply.js';
import { ApplyParticipantReplyCommand } from './apply-participant-reply.command.js';

/**
 * The saga's entry for participants' replies. consumeFromContext validates the record, opens the inbox transaction
 * (a redelivered reply is skipped there), retries with backoff and dead-letters; the command is awaited inside that
 * transaction, so the Kafka offset counts only after the saga's decision and the inbox row committed together.
 */
@Controller()
export class ParticipantRepliesConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commandBus: CommandBus,
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

  // With the kit's typed handler map, `dispatch` becomes one line per reply type:
  // `.on(PaymentAuthorized, (message, tx) => this.apply(participantReplies.paymentAuthorized(message.payload), ...))`.
  private async consume(context: KafkaContext): Promise<void> {
    await consumeFromContext(context, { dataSource: this.dataSource, ...this.config }, (event, manager) =>
      this.dispatch(event, manager),
    );
  }

  private async dispatch(event: IncomingEvent, manager: EntityManager): Promise<void> {
    const reply = toParticipantReply(event.envelope);
    if (!reply) {
      // A valid catalog message that is no saga reply: retrying cannot help, so it goes to the DLQ at once.
      throw new UnprocessableMessageError(
        `${event.topic} carries no saga reply of type ${event.envelope.type}`,
      );
    }
    return this.apply(reply, event, manager);
  }

  /** Inside the inbox transaction: the command is awaited, so the record counts only after its commit. */
  private async apply(reply: ParticipantReply, event: IncomingEvent, manager: EntityManager): Promise<void> {
    const cause = {
      eventId: event.envelope.eventId,
      traceparent: event.headers[MessageHeaders.traceparent] ?? null,
    };
    await this.commandBus.execute(new ApplyParticipantReplyCommand(reply, cause, manager));
  }
}
