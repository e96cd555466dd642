import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import {
  AccountClosed,
  AccountOpened,
  AddressAccepted,
  ContactCreated,
  ContactReleased,
  RegistrationPartRefused,
  Topics,
} from '@edr/contracts';
import { HandlerMap, type IncomingMessage, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { RegistrationMachine } from '../registration.machine.js';
import { RegistrationRunner } from '../registration.runner.js';
import type { PartOutcome } from '../registration.state.js';
import { PartOutcomes } from './part-outcome.js';

/**
 * customer-registration.events, read by the aggregator (the service's own consumer group): each part's outcome is
 * applied to its registration once, with what the machine sends because of it, in the outcome's inbox transaction.
 */
@Controller()
export class PartOutcomesConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    private readonly runner: RegistrationRunner,
  ) {
    const apply =
      <P extends { customerId: string }>(toOutcome: (payload: P) => PartOutcome) =>
      (message: IncomingMessage<P>, tx: EntityManager) =>
        this.apply(message, toOutcome(message.payload), tx);
    this.handlers = HandlerMap.create()
      .on(ContactCreated, apply(PartOutcomes.contactCreated))
      .on(AccountOpened, apply(PartOutcomes.accountOpened))
      .on(AddressAccepted, apply(PartOutcomes.addressAccepted))
      .on(RegistrationPartRefused, apply(PartOutcomes.refused))
      .on(ContactReleased, apply(PartOutcomes.contactReleased))
      .on(AccountClosed, apply(PartOutcomes.accountClosed));
  }

  @EventPattern(Topics.registrationEvents)
  async onOutcome(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }

  private apply(message: IncomingMessage<{ customerId: string }>, outcome: PartOutcome, tx: EntityManager) {
    return this.runner.apply(
      tx,
      message.payload.customerId,
      {
        correlationId: message.envelope.correlationId,
        causationId: message.envelope.eventId,
        traceparent: message.headers['traceparent'] ?? null,
      },
      (state, now) => RegistrationMachine.partOutcome(state, outcome, now),
    );
  }
}
