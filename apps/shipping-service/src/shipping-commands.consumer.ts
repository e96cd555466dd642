import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource, type EntityManager } from 'typeorm';
import { CancelShipment, ScheduleShipment, Topics } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import { type IncomingEvent, UnprocessableMessageError, consumeFromContext } from '@edr/messaging';
import { CancelShipmentHandler } from './cancel-shipment/cancel-shipment.handler.js';
import { ScheduleShipmentHandler } from './schedule-shipment/schedule-shipment.handler.js';
import { SERVICE_CONFIG } from '@edr/config';
import type { ShippingConfig } from './shipping.config.js';

@Controller()
export class ShippingCommandsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly faults: FaultInjector,
    private readonly schedule: ScheduleShipmentHandler,
    private readonly cancel: CancelShipmentHandler,
    @Inject(SERVICE_CONFIG) private readonly config: ShippingConfig,
  ) {}

  @EventPattern(Topics.shippingCommands)
  async onCommand(@Ctx() context: KafkaContext): Promise<void> {
    await consumeFromContext(context, { dataSource: this.dataSource, ...this.config }, (command, manager) =>
      this.dispatch(command, manager),
    );
  }

  private async dispatch(command: IncomingEvent, manager: EntityManager): Promise<void> {
    // Inside the inbox transaction and the retry loop: an injected error is retried (then dead-lettered) like a
    // real one, and an injected crash loses nothing that was not committed.
    await this.faults.beforeMessage();
    switch (command.envelope.type) {
      case ScheduleShipment.type:
        return this.schedule.handle(command, manager);
      case CancelShipment.type:
        return this.cancel.handle(command, manager);
      default:
        throw new UnprocessableMessageError(
          `${command.envelope.type} is not a shipping command (expected ${ScheduleShipment.type} or ${CancelShipment.type})`,
        );
    }
  }
}
