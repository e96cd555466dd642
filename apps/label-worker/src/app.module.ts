import { type DynamicModule, Module } from '@nestjs/common';
import { TopicDefinitions } from '@edr/contracts';
import { FaultInjectionModule } from '@edr/fault-injection';
import { PlatformModule } from '@edr/platform';
import { Task, TasksModule } from '@edr/tasks';
import { Workers } from '@edr/topology';
import type { LabelWorkerConfig } from './label-worker.config.js';
import { LabelTasksConsumer } from './render-label/label-tasks.consumer.js';
import { RenderLabelWorker } from './render-label/render-label.worker.js';

@Module({})
export class LabelWorkerModule {
  static forRoot(config: LabelWorkerConfig): DynamicModule {
    return {
      module: LabelWorkerModule,
      imports: [
        PlatformModule.forService({
          service: Workers.label,
          config,
          entities: [Task],
          // shipping-service owns the schema (tasks, shipping_labels, outbox) and migrates it (ADR 0007); the
          // platform gives the worker the outbox entity, as it writes ShippingLabelRendered to shipping's outbox.
          migrations: [],
          // shipping-label.events is shipping-service's too (same definition): whoever starts first creates it.
          topics: [
            TopicDefinitions.shippingLabelTasks,
            TopicDefinitions.shippingLabelTasksDlq,
            TopicDefinitions.shippingLabelEvents,
          ],
        }),
        TasksModule.forWorkers(),
        // Its BEFORE_TASK hook fails task attempts on request (failTaskAttempts; PUT /admin/faults).
        FaultInjectionModule.forRoot(config.faults),
      ],
      controllers: [LabelTasksConsumer],
      providers: [RenderLabelWorker],
    };
  }
}
