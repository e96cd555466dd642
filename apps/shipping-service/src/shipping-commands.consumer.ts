import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CancelShipment, ScheduleShipment, Topics } from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { CancelShipmentHandler } from './cancel-shipment/cancel-shipment.handler.js';
import { ScheduleShipmentHandler } from './schedule-shipment/schedule-shipment.handler.js';

/** shipping.commands: each command applied once, with its reply, in one transaction (see MessageConsumer). */
@Controller()
export class ShippingCommandsConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    schedule: ScheduleShipmentHandler,
    cancel: CancelShipmentHandler,
  ) {
    this.handlers = HandlerMap.create()
      .on(ScheduleShipment, (command, tx) => schedule.handle(command, tx))
      .on(CancelShipment, (command, tx) => cancel.handle(command, tx));
  }

  @EventPattern(Topics.shippingCommands)
  async onCommand(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }
}
