import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RenderShippingLabel, type RenderShippingLabelPayload } from '@edr/contracts';
import type { TaskContext, TaskWorker } from '@edr/tasks';
import { renderLabelPdf } from './label-pdf.js';

/** Renders a shipment's label (outside any transaction) and stores it with the task's DONE. */
@Injectable()
export class RenderLabelWorker implements TaskWorker<typeof RenderShippingLabel, Buffer> {
  readonly definition = RenderShippingLabel;

  perform(payload: RenderShippingLabelPayload): Promise<Buffer> {
    return renderLabelPdf(payload);
  }

  /**
   * Runs once per task (TaskRunner's conditional DONE); the upsert still counts a second store in `times_stored`
   * rather than hiding it, so a broken exactly-once shows up in the data.
   */
  async complete(
    tx: EntityManager,
    payload: RenderShippingLabelPayload,
    pdf: Buffer,
    task: TaskContext,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO shipping_labels (task_id, order_id, tracking_number, pdf, rendered_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_id) DO UPDATE
         SET pdf = excluded.pdf, rendered_by = excluded.rendered_by,
             times_stored = shipping_labels.times_stored + 1`,
      [payload.taskId, payload.orderId, payload.trackingNumber, pdf, task.workerId],
    );
  }
}
