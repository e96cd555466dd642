import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TopicDefinitions } from '@edr/contracts';
import { IdempotencyKey } from '@edr/idempotency';
import { PlatformModule } from '@edr/platform';
import { CreateTasksTable1764300000700, Task, TasksModule } from '@edr/tasks';
import { Services } from '@edr/topology';
import { OrderEventRow } from './event-store/order-event.entity.js';
import { OrderEventStore } from './event-store/order-event-store.js';
import { GetConfirmationController } from './get-confirmation/get-confirmation.controller.js';
import { GetOrderController } from './get-order/get-order.controller.js';
import { GetOrderHandler } from './get-order/get-order.handler.js';
import { GetOrderHistoryHandler } from './get-order-history/get-order-history.handler.js';
import { CreateOrderTables1764300000100 } from './migrations/1764300000100-create-order-tables.js';
import { IdempotencyKeysResourceId1764300000190 } from './migrations/1764300000190-idempotency-keys-resource-id.js';
import { CreateMailbox1764300000110 } from './migrations/1764300000110-create-mailbox.js';
import type { OrderConfig } from './order.config.js';
import { GetAdmissionController } from './place-order/admission/get-admission.controller.js';
import { OrderAdmission } from './place-order/admission/order-admission.js';
import { PlaceOrderController } from './place-order/place-order.controller.js';
import { PlaceOrderHandler } from './place-order/place-order.handler.js';
import { ConfirmationTasksConsumer } from './render-confirmation/confirmation-tasks.consumer.js';
import { RenderConfirmationWorker } from './render-confirmation/render-confirmation.worker.js';
import { ApplyParticipantReplyHandler } from './saga/apply-participant-reply/apply-participant-reply.handler.js';
import { ParticipantRepliesConsumer } from './saga/apply-participant-reply/participant-replies.consumer.js';
import { HandleSagaDeadlineHandler } from './saga/handle-saga-deadline/handle-saga-deadline.handler.js';
import { SagaDeadlineWatcher } from './saga/handle-saga-deadline/saga-deadline.watcher.js';
import { OrderSagaRepository } from './saga/order-saga.repository.js';
import { OrderSagaRunner } from './saga/order-saga.runner.js';
import { SagaDeadlineAnnouncer } from './saga/saga-deadline.announcer.js';

@Module({})
export class OrderServiceModule {
  static forRoot(config: OrderConfig): DynamicModule {
    return {
      module: OrderServiceModule,
      imports: [
        PlatformModule.forService({
          service: Services.order,
          config,
          entities: [OrderEventRow, IdempotencyKey, Task],
          migrations: [
            CreateOrderTables1764300000100,
            CreateMailbox1764300000110,
            IdempotencyKeysResourceId1764300000190,
            CreateTasksTable1764300000700,
          ],
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
            TopicDefinitions.orderConfirmationTasks,
            TopicDefinitions.orderConfirmationTasksDlq,
          ],
        }),
        CqrsModule.forRoot(),
        TasksModule.forWorkers(),
      ],
      // GetAdmissionController before GetOrderController: routes match in this order, `/orders/:id` would take
      // `/orders/admission`.
      controllers: [
        PlaceOrderController,
        GetAdmissionController,
        GetOrderController,
        GetConfirmationController,
        ParticipantRepliesConsumer,
        ConfirmationTasksConsumer,
      ],
      providers: [
        OrderEventStore,
        OrderSagaRepository,
        OrderSagaRunner,
        SagaDeadlineAnnouncer,
        SagaDeadlineWatcher,
        OrderAdmission,
        PlaceOrderHandler,
        ApplyParticipantReplyHandler,
        HandleSagaDeadlineHandler,
        GetOrderHandler,
        GetOrderHistoryHandler,
        RenderConfirmationWorker,
      ],
    };
  }
}
