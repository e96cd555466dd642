import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CloseAccount, CreateAccount, Topics } from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { CreateAccountHandler } from './create-account.handler.js';
import { CloseAccountHandler } from './close-account.handler.js';

/** customer-account.commands (consumer group `customer-account`): each command and its answer in one transaction. */
@Controller()
export class AccountCommandsConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    create: CreateAccountHandler,
    close: CloseAccountHandler,
  ) {
    this.handlers = HandlerMap.create()
      .on(CreateAccount, (command, tx) => create.handle(command, tx))
      .on(CloseAccount, (command, tx) => close.handle(command, tx));
  }

  @EventPattern(Topics.accountCommands)
  async onCommand(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }
}
