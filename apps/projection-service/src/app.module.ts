import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TopicDefinitions } from '@edr/contracts';
import { dataSourceProvider } from '@edr/database';
import { HealthController } from '@edr/health';
import { correlationMiddleware } from '@edr/http';
import { InboxMessage } from '@edr/inbox';
import { kafkaAdminProvider } from '@edr/messaging';
import { OutboxMessage } from '@edr/outbox';
import { projectionMigrations } from './migrations/index.js';
import { GetOrderViewController } from './order-view/get-order-view.controller.js';
import { OrderEventsConsumer } from './order-view/order-events.consumer.js';
import { OrderView } from './order-view/order-view.entity.js';
import { OrderViewProjector } from './order-view/order-view.projector.js';
import { SERVICE_CONFIG } from '@edr/config';
import type { ProjectionConfig } from './projection.config.js';

@Module({})
export class ProjectionServiceModule implements NestModule {
  static forRoot(config: ProjectionConfig): DynamicModule {
    return {
      module: ProjectionServiceModule,
      imports: [TerminusModule],
      controllers: [GetOrderViewController, OrderEventsConsumer, HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        dataSourceProvider({
          url: config.database.url,
          entities: [OrderView, InboxMessage, OutboxMessage],
          migrations: projectionMigrations,
          applicationName: config.serviceName,
        }),
        kafkaAdminProvider({
          clientId: config.kafka.clientId,
          brokers: config.kafka.brokers,
          // Consumers own their dead-letter topics; the source topic is created by its producer (or here, if the
          // projection happens to start first, with the same definition).
          topics: [TopicDefinitions.orderEvents, TopicDefinitions.orderEventsDlq],
        }),
        OrderViewProjector,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*path');
  }
}
