import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ReleaseInventory, ReserveInventory, Topics } from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { ReleaseInventoryHandler } from './release-inventory/release-inventory.handler.js';
import { ReserveInventoryHandler } from './reserve-inventory/reserve-inventory.handler.js';

/** inventory.commands: each command applied once, with its reply, in one transaction (see MessageConsumer). */
@Controller()
export class InventoryCommandsConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    reserve: ReserveInventoryHandler,
    release: ReleaseInventoryHandler,
  ) {
    this.handlers = HandlerMap.create()
      .on(ReserveInventory, (command, tx) => reserve.handle(command, tx))
      .on(ReleaseInventory, (command, tx) => release.handle(command, tx));
  }

  @EventPattern(Topics.inventoryCommands)
  async onCommand(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }
}
