import { type DynamicModule, Module } from '@nestjs/common';
import { TopicDefinitions } from '@edr/contracts';
import { PlatformModule } from '@edr/platform';
import { Services } from '@edr/topology';
import { CreateOrderView1764300000200 } from './migrations/1764300000200-create-order-view.js';
import { GetOrderViewController } from './order-view/get-order-view.controller.js';
import { OrderEventsConsumer } from './order-view/order-events.consumer.js';
import { OrderView } from './order-view/order-view.entity.js';
import { OrderViewProjector } from './order-view/order-view.projector.js';
import type { ProjectionConfig } from './projection.config.js';

@Module({})
export class ProjectionServiceModule {
  static forRoot(config: ProjectionConfig): DynamicModule {
    return {
      module: ProjectionServiceModule,
      imports: [
        PlatformModule.forService({
          // Publishes nothing (Services.projection.publishes is false): no outbox, publication or connector.
          service: Services.projection,
          config,
          entities: [OrderView],
          migrations: [CreateOrderView1764300000200],
          // Consumers own their dead-letter topics; the source topic is created by its producer (or here, if the
          // projection happens to start first, with the same definition).
          topics: [TopicDefinitions.orderEvents, TopicDefinitions.orderEventsDlq],
        }),
      ],
      controllers: [GetOrderViewController, OrderEventsConsumer],
      providers: [OrderViewProjector],
    };
  }
}
