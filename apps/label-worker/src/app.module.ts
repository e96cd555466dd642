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
          // shipping-service owns the schema (tasks, shipping_labels) and migrates it (ADR 0007).
          migrations: [],
          topics: [TopicDefinitions.shippingLabelTasks, TopicDefinitions.shippingLabelTasksDlq],
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
