import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@edr/contracts';
import type { RecordBatch } from '@edr/messaging';
import { TaskRunner } from '@edr/tasks';
import { RenderConfirmationWorker } from './render-confirmation.worker.js';

/**
 * order.confirmation-tasks, consumed by the background group `order-confirmation-worker` (main.ts), apart from the
 * saga's group: rendering mails never holds up a saga reply, and the group scales and lags on its own.
 */
@Controller()
export class ConfirmationTasksConsumer {
  constructor(
    private readonly tasks: TaskRunner,
    private readonly worker: RenderConfirmationWorker,
  ) {}

  @EventPattern(Topics.orderConfirmationTasks)
  async onTasks(@Payload() batch: RecordBatch): Promise<void> {
    await this.tasks.run(batch, this.worker);
  }
}
