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
import { CancelShipmentHandler } from './cancel-shipment/cancel-shipment.handler.js';
import { UnsupportedDestinationsController } from './carrier/unsupported-destinations.controller.js';
import { GetShipmentController } from './get-shipment/get-shipment.controller.js';
import { shippingMigrations } from './migrations/index.js';
import { ScheduleShipmentHandler } from './schedule-shipment/schedule-shipment.handler.js';
import { Shipment } from './shipment.entity.js';
import { ShippingCommandsConsumer } from './shipping-commands.consumer.js';
import { SERVICE_CONFIG } from '@edr/config';
import type { ShippingConfig } from './shipping.config.js';

@Module({})
export class ShippingServiceModule implements NestModule {
  static forRoot(config: ShippingConfig): DynamicModule {
    return {
      module: ShippingServiceModule,
      imports: [TerminusModule],
      controllers: [
        ShippingCommandsConsumer,
        HealthController,
        FaultsController,
        GetShipmentController,
        UnsupportedDestinationsController,
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        dataSourceProvider({
          url: config.database.url,
          entities: [Shipment, InboxMessage, OutboxMessage],
          migrations: shippingMigrations,
          applicationName: config.serviceName,
        }),
        kafkaAdminProvider({
          clientId: config.kafka.clientId,
          brokers: config.kafka.brokers,
          // The commands topic is also created by the orchestrator that produces to it; creation is idempotent.
          topics: [
            TopicDefinitions.shippingCommands,
            TopicDefinitions.shippingCommandsDlq,
            TopicDefinitions.shippingEvents,
          ],
        }),
        ...faultInjectionProviders(config.faults),
        ScheduleShipmentHandler,
        CancelShipmentHandler,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*path');
  }
}
