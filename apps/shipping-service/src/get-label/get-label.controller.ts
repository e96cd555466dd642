import { Controller, Get, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ZodValidationPipe } from '@edr/http';
import { labelTaskOf } from '../label/label-task.js';
import { orderIdSchema } from '../get-shipment/get-shipment.controller.js';

@Controller('shipments')
export class GetLabelController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The shipment's label PDF once its task is DONE. Before that (or without a scheduled shipment) 404, with the
   * task's state in the body, so a client knows whether to wait (QUEUED, RUNNING) or give up (FAILED, no task).
   */
  @Get(':orderId/label')
  async get(
    @Param('orderId', new ZodValidationPipe(orderIdSchema, 'orderId')) orderId: string,
  ): Promise<StreamableFile> {
    const task = await labelTaskOf(this.dataSource.manager, orderId);
    if (task?.state !== 'DONE') {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: task
          ? `the label of order ${orderId} is not rendered yet (task ${task.state})`
          : `order ${orderId} has no label task (no scheduled shipment, or its ScheduleShipment has not arrived yet)`,
        state: task?.state ?? null,
        lastError: task?.lastError ?? null,
      });
    }
    const [label]: { pdf: Buffer; tracking_number: string }[] = await this.dataSource.query(
      `SELECT pdf, tracking_number FROM shipping_labels WHERE task_id = $1`,
      [task.taskId],
    );
    if (!label) throw new Error(`label task ${task.taskId} is DONE but has no shipping_labels row`);
    return new StreamableFile(label.pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="label-${label.tracking_number}.pdf"`,
    });
  }
}
