import { type DynamicModule, Module } from '@nestjs/common';
import { TopicDefinitions } from '@edr/contracts';
import { FaultInjectionModule } from '@edr/fault-injection';
import { PlatformModule } from '@edr/platform';
import { CreateTasksTable1764300000700, Task } from '@edr/tasks';
import { Services } from '@edr/topology';
import { CancelShipmentHandler } from './cancel-shipment/cancel-shipment.handler.js';
import { UnsupportedDestinationsController } from './carrier/unsupported-destinations.controller.js';
import { GetLabelController } from './get-label/get-label.controller.js';
import { GetShipmentController } from './get-shipment/get-shipment.controller.js';
import { CreateShipments1764300000500 } from './migrations/1764300000500-create-shipments.js';
import { CreateShippingLabels1764300000510 } from './migrations/1764300000510-create-shipping-labels.js';
import { ScheduleShipmentHandler } from './schedule-shipment/schedule-shipment.handler.js';
import { Shipment } from './shipment.entity.js';
import { ShippingCommandsConsumer } from './shipping-commands.consumer.js';
import type { ShippingConfig } from './shipping.config.js';

@Module({})
export class ShippingServiceModule {
  static forRoot(config: ShippingConfig): DynamicModule {
    return {
      module: ShippingServiceModule,
      imports: [
        PlatformModule.forService({
          service: Services.shipping,
          config,
          entities: [Shipment, Task],
          // The label workers share this schema and run no migrations of their own (ADR 0007).
          migrations: [
            CreateShipments1764300000500,
            CreateShippingLabels1764300000510,
            CreateTasksTable1764300000700,
          ],
          // The commands topic is also created by the orchestrator that produces to it; creation is idempotent.
          topics: [
            TopicDefinitions.shippingCommands,
            TopicDefinitions.shippingCommandsDlq,
            TopicDefinitions.shippingEvents,
            // Created here, before the first label task is enqueued, so Debezium never publishes to a missing topic.
            TopicDefinitions.shippingLabelTasks,
            TopicDefinitions.shippingLabelTasksDlq,
            // Written by the label workers (ShippingLabelRendered) to this database's outbox; its DLQ is its consumers'.
            TopicDefinitions.shippingLabelEvents,
          ],
        }),
        FaultInjectionModule.forRoot(config.faults),
      ],
      controllers: [
        ShippingCommandsConsumer,
        GetLabelController,
        GetShipmentController,
        UnsupportedDestinationsController,
      ],
      providers: [ScheduleShipmentHandler, CancelShipmentHandler],
    };
  }
}
