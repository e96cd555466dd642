import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { TopicDefinitions } from '@edr/contracts';
import { dataSourceProvider } from '@edr/database';
import { HealthController } from '@edr/health';
import { correlationMiddleware } from '@edr/http';
import { kafkaAdminProvider } from '@edr/messaging';
import { OutboxMessage } from '@edr/outbox';
import { OrderEventRow } from './event-store/order-event.entity.js';
import { OrderEventStore } from './event-store/order-event-store.js';
import { GetOrderController } from './get-order/get-order.controller.js';
import { GetOrderHandler } from './get-order/get-order.handler.js';
import { orderMigrations } from './migrations/index.js';
import type { OrderConfig } from './order.config.js';
import { IdempotencyKey } from './place-order/idempotency-key.entity.js';
import { PlaceOrderController } from './place-order/place-order.controller.js';
import { PlaceOrderHandler } from './place-order/place-order.handler.js';

@Module({})
export class OrderServiceModule implements NestModule {
  static forRoot(config: OrderConfig): DynamicModule {
    return {
      module: OrderServiceModule,
      imports: [CqrsModule.forRoot(), TerminusModule],
      controllers: [PlaceOrderController, GetOrderController, HealthController],
      providers: [
        dataSourceProvider({
          url: config.database.url,
          entities: [OrderEventRow, IdempotencyKey, OutboxMessage],
          migrations: orderMigrations,
          applicationName: config.serviceName,
        }),
        kafkaAdminProvider({
          clientId: config.kafka.clientId,
          brokers: config.kafka.brokers,
          topics: [TopicDefinitions.orderEvents],
        }),
        OrderEventStore,
        PlaceOrderHandler,
        GetOrderHandler,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*path');
  }
}
