import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { ReleaseInventory, ReserveInventory, Topics } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import {
  type IncomingEvent,
  UnprocessableMessageError,
  consumeRecord,
  recordFromContext,
} from '@edr/messaging';
import { INVENTORY_CONFIG, type InventoryConfig } from './inventory.config.js';
import { ReleaseInventoryHandler } from './release-inventory/release-inventory.handler.js';
import { ReserveInventoryHandler } from './reserve-inventory/reserve-inventory.handler.js';

@Controller()
export class InventoryCommandsConsumer {
  private readonly logger = new Logger(InventoryCommandsConsumer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly faults: FaultInjector,
    private readonly reserve: ReserveInventoryHandler,
    private readonly release: ReleaseInventoryHandler,
    @Inject(INVENTORY_CONFIG) private readonly config: InventoryConfig,
  ) {}

  @EventPattern(Topics.inventoryCommands)
  async onCommand(@Ctx() context: KafkaContext): Promise<void> {
    const record = recordFromContext(context);
    const outcome = await consumeRecord(
      record,
      {
        dataSource: this.dataSource,
        producer: context.getProducer(),
        consumerGroup: this.config.serviceName,
        retry: this.config.consumer.retry,
      },
      (command, manager) => this.dispatch(command, manager),
    );
    if (outcome !== 'processed') {
      this.logger.warn(`${record.topic}[${record.partition}]@${record.offset}: ${outcome}`);
    }
  }

  private async dispatch(command: IncomingEvent, manager: EntityManager): Promise<void> {
    // Inside the inbox transaction and the retry loop: an injected error is retried like a real one, and a crash
    // leaves nothing half-applied.
    await this.faults.beforeMessage();
    switch (command.envelope.type) {
      case ReserveInventory.type:
        return this.reserve.handle(command, manager);
      case ReleaseInventory.type:
        return this.release.handle(command, manager);
      default:
        throw new UnprocessableMessageError(
          `${command.envelope.type} is not an inventory command (expected ${ReserveInventory.type} or ${ReleaseInventory.type})`,
        );
    }
  }
}
