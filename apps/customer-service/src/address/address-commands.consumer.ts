import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CreateAddress, Topics } from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { CreateAddressHandler } from './create-address.handler.js';

/** customer-address.commands (consumer group `customer-address`): each command and its answer in one transaction. */
@Controller()
export class AddressCommandsConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    create: CreateAddressHandler,
  ) {
    this.handlers = HandlerMap.create().on(CreateAddress, (command, tx) => create.handle(command, tx));
  }

  @EventPattern(Topics.addressCommands)
  async onCommand(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }
}
