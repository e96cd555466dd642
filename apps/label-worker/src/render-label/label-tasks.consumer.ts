import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@edr/contracts';
import type { RecordBatch } from '@edr/messaging';
import { TaskRunner } from '@edr/tasks';
import { RenderLabelWorker } from './render-label.worker.js';

/**
 * shipping.label-tasks: every instance of the worker is a member of the group `label-worker`, so each owns a share
 * of the topic's partitions and each task is taken by one of them (TaskRunner).
 */
@Controller()
export class LabelTasksConsumer {
  constructor(
    private readonly tasks: TaskRunner,
    private readonly worker: RenderLabelWorker,
  ) {}

  @EventPattern(Topics.shippingLabelTasks)
  async onTasks(@Payload() batch: RecordBatch): Promise<void> {
    await this.tasks.run(batch, this.worker);
  }
}
