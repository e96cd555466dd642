import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { TopicDefinitions } from '@edr/contracts';
import { dataSourceProvider } from '@edr/database';
import { HealthController } from '@edr/health';
import { correlationMiddleware } from '@edr/http';
import { InboxMessage } from '@edr/inbox';
import { kafkaAdminProvider } from '@edr/messaging';
import { OutboxMessage } from '@edr/outbox';
import { ApplyParticipantReplyHandler } from './apply-participant-reply/apply-participant-reply.handler.js';
import { OrderEventRow } from './event-store/order-event.entity.js';
import { OrderEventStore } from './event-store/order-event-store.js';
import { GetOrderController } from './get-order/get-order.controller.js';
import { GetOrderHandler } from './get-order/get-order.handler.js';
import { GetOrderHistoryHandler } from './get-order-history/get-order-history.handler.js';
import { HandleSagaDeadlineHandler } from './handle-saga-deadline/handle-saga-deadline.handler.js';
import { orderMigrations } from './migrations/index.js';
import { SERVICE_CONFIG } from '@edr/config';
import type { OrderConfig } from './order.config.js';
import { IdempotencyKey } from './place-order/idempotency-key.entity.js';
import { PlaceOrderController } from './place-order/place-order.controller.js';
import { PlaceOrderHandler } from './place-order/place-order.handler.js';
import { OrderSaga } from './saga/order.saga.js';
import { OrderSagaRepository } from './saga/order-saga.repository.js';
import { OrderSagaRunner } from './saga/order-saga.runner.js';
import { ParticipantRepliesConsumer } from './saga/participant-replies.consumer.js';
import { SagaCompletions } from './saga/saga-completions.js';
import { SagaDeadlineWatcher } from './saga/saga-deadline.watcher.js';
import { StartOrderSagaHandler } from './start-order-saga/start-order-saga.handler.js';

@Module({})
export class OrderServiceModule implements NestModule {
  static forRoot(config: OrderConfig): DynamicModule {
    return {
      module: OrderServiceModule,
      imports: [CqrsModule.forRoot(), TerminusModule],
      controllers: [PlaceOrderController, GetOrderController, ParticipantRepliesConsumer, HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        dataSourceProvider({
          url: config.database.url,
          entities: [OrderEventRow, IdempotencyKey, OutboxMessage, InboxMessage],
          migrations: orderMigrations,
          applicationName: config.serviceName,
        }),
        kafkaAdminProvider({
          clientId: config.kafka.clientId,
          brokers: config.kafka.brokers,
          // What the order service produces (its events, the participants' commands) and consumes (their replies).
          topics: [
            TopicDefinitions.orderEvents,
            TopicDefinitions.paymentCommands,
            TopicDefinitions.inventoryCommands,
            TopicDefinitions.shippingCommands,
            TopicDefinitions.paymentEvents,
            TopicDefinitions.paymentEventsDlq,
            TopicDefinitions.inventoryEvents,
            TopicDefinitions.inventoryEventsDlq,
            TopicDefinitions.shippingEvents,
            TopicDefinitions.shippingEventsDlq,
          ],
        }),
        OrderEventStore,
        OrderSagaRepository,
        OrderSagaRunner,
        SagaCompletions,
        OrderSaga,
        SagaDeadlineWatcher,
        PlaceOrderHandler,
        StartOrderSagaHandler,
        ApplyParticipantReplyHandler,
        HandleSagaDeadlineHandler,
        GetOrderHandler,
        GetOrderHistoryHandler,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*path');
  }
}
