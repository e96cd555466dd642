import { type DynamicModule, Module } from '@nestjs/common';
import { TopicDefinitions } from '@edr/contracts';
import { FaultInjectionModule, FaultInjector } from '@edr/fault-injection';
import { PlatformModule } from '@edr/platform';
import { BEFORE_TASK, type BeforeTaskHook, Task, TasksModule } from '@edr/tasks';
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
        FaultInjectionModule.forRoot(config.faults),
      ],
      controllers: [LabelTasksConsumer],
      providers: [
        RenderLabelWorker,
        {
          provide: BEFORE_TASK,
          useFactory:
            (faults: FaultInjector): BeforeTaskHook =>
            (task) =>
              faults.beforeTask(task.attempt),
          inject: [FaultInjector],
        },
      ],
    };
  }
}
