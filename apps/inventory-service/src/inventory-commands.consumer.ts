import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { ReleaseInventory, ReserveInventory, Topics } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import { type IncomingEvent, UnprocessableMessageError, consumeFromContext } from '@edr/messaging';
import { SERVICE_CONFIG } from '@edr/config';
import type { InventoryConfig } from './inventory.config.js';
import { ReleaseInventoryHandler } from './release-inventory/release-inventory.handler.js';
import { ReserveInventoryHandler } from './reserve-inventory/reserve-inventory.handler.js';

@Controller()
export class InventoryCommandsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly faults: FaultInjector,
    private readonly reserve: ReserveInventoryHandler,
    private readonly release: ReleaseInventoryHandler,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
  ) {}

  @EventPattern(Topics.inventoryCommands)
  async onCommand(@Ctx() context: KafkaContext): Promise<void> {
    await consumeFromContext(context, { dataSource: this.dataSource, ...this.config }, (command, manager) =>
      this.dispatch(command, manager),
    );
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
