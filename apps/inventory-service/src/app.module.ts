import { type DynamicModule, Module } from '@nestjs/common';
import { TopicDefinitions } from '@edr/contracts';
import { FaultInjectionModule } from '@edr/fault-injection';
import { PlatformModule } from '@edr/platform';
import { Services } from '@edr/topology';
import { InventoryCommandsConsumer } from './inventory-commands.consumer.js';
import type { InventoryConfig } from './inventory.config.js';
import { CreateInventoryTables1764300000400 } from './migrations/1764300000400-create-inventory-tables.js';
import { SeedStockCatalog1764300000401 } from './migrations/1764300000401-seed-stock-catalog.js';
import { ReleaseInventoryHandler } from './release-inventory/release-inventory.handler.js';
import { GetReservationController } from './get-reservation/get-reservation.controller.js';
import { ReservationLine } from './reservation-line.entity.js';
import { Reservation } from './reservation.entity.js';
import { ReserveInventoryHandler } from './reserve-inventory/reserve-inventory.handler.js';
import { GetStockController } from './stock/get-stock.controller.js';
import { Stock } from './stock/stock.entity.js';
import { UpsertStockController } from './upsert-stock/upsert-stock.controller.js';

@Module({})
export class InventoryServiceModule {
  static forRoot(config: InventoryConfig): DynamicModule {
    return {
      module: InventoryServiceModule,
      imports: [
        PlatformModule.forService({
          service: Services.inventory,
          config,
          entities: [Stock, Reservation, ReservationLine],
          migrations: [CreateInventoryTables1764300000400, SeedStockCatalog1764300000401],
          // The commands topic is also created by the orchestrator that produces it; whoever starts first wins.
          topics: [
            TopicDefinitions.inventoryCommands,
            TopicDefinitions.inventoryCommandsDlq,
            TopicDefinitions.inventoryEvents,
          ],
        }),
        FaultInjectionModule.forRoot(config.faults),
      ],
      controllers: [
        InventoryCommandsConsumer,
        // Before GetStockController, so `/inventory/reservations/...` is never read as a SKU.
        GetReservationController,
        GetStockController,
        UpsertStockController,
      ],
      providers: [ReserveInventoryHandler, ReleaseInventoryHandler],
    };
  }
}
