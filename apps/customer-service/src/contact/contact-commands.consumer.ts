import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CreateContact, ReleaseContact, Topics } from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { CreateContactHandler } from './create-contact.handler.js';
import { ReleaseContactHandler } from './release-contact.handler.js';

/** customer-contact.commands (consumer group `customer-contact`): each command and its answer in one transaction. */
@Controller()
export class ContactCommandsConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    create: CreateContactHandler,
    release: ReleaseContactHandler,
  ) {
    this.handlers = HandlerMap.create()
      .on(CreateContact, (command, tx) => create.handle(command, tx))
      .on(ReleaseContact, (command, tx) => release.handle(command, tx));
  }

  @EventPattern(Topics.contactCommands)
  async onCommand(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }
}
