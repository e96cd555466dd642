import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TopicDefinitions } from '@edr/contracts';
import { dataSourceProvider } from '@edr/database';
import { FaultsController, faultInjectionProviders } from '@edr/fault-injection';
import { HealthController } from '@edr/health';
import { correlationMiddleware } from '@edr/http';
import { InboxMessage } from '@edr/inbox';
import { kafkaAdminProvider } from '@edr/messaging';
import { OutboxMessage } from '@edr/outbox';
import { InventoryCommandsConsumer } from './inventory-commands.consumer.js';
import { SERVICE_CONFIG } from '@edr/config';
import type { InventoryConfig } from './inventory.config.js';
import { inventoryMigrations } from './migrations/index.js';
import { ReleaseInventoryHandler } from './release-inventory/release-inventory.handler.js';
import { GetReservationController } from './reservation/get-reservation.controller.js';
import { ReservationLine } from './reservation/reservation-line.entity.js';
import { Reservation } from './reservation/reservation.entity.js';
import { ReserveInventoryHandler } from './reserve-inventory/reserve-inventory.handler.js';
import { GetStockController } from './stock/get-stock.controller.js';
import { Stock } from './stock/stock.entity.js';
import { UpsertStockController } from './upsert-stock/upsert-stock.controller.js';

@Module({})
export class InventoryServiceModule implements NestModule {
  static forRoot(config: InventoryConfig): DynamicModule {
    return {
      module: InventoryServiceModule,
      imports: [TerminusModule],
      controllers: [
        InventoryCommandsConsumer,
        // Before GetStockController, so `/inventory/reservations/...` is never read as a SKU.
        GetReservationController,
        GetStockController,
        UpsertStockController,
        HealthController,
        FaultsController,
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        dataSourceProvider({
          url: config.database.url,
          entities: [Stock, Reservation, ReservationLine, InboxMessage, OutboxMessage],
          migrations: inventoryMigrations,
          applicationName: config.serviceName,
        }),
        kafkaAdminProvider({
          clientId: config.kafka.clientId,
          brokers: config.kafka.brokers,
          // The commands topic is also created by the orchestrator that produces it; whoever starts first wins.
          topics: [
            TopicDefinitions.inventoryCommands,
            TopicDefinitions.inventoryCommandsDlq,
            TopicDefinitions.inventoryEvents,
          ],
        }),
        ...faultInjectionProviders(config.faults),
        ReserveInventoryHandler,
        ReleaseInventoryHandler,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*path');
  }
}
