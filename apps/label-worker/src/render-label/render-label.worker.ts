import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  RenderShippingLabel,
  type RenderShippingLabelPayload,
  ShippingLabelRendered,
  ShippingService,
} from '@edr/contracts';
import { replier } from '@edr/messaging';
import type { TaskContext, TaskWorker } from '@edr/tasks';
import { renderLabelPdf } from './label-pdf.js';

/**
 * The worker writes to shipping's outbox as shipping-service (it is part of the shipping context, ADR 0007): keyed
 * by the order id, with the task message's correlation id, caused by the task message.
 */
const announce = replier(ShippingService);

/** Renders a shipment's label (outside any transaction) and stores it with the task's DONE. */
@Injectable()
export class RenderLabelWorker implements TaskWorker<typeof RenderShippingLabel, Buffer> {
  readonly definition = RenderShippingLabel;

  perform(payload: RenderShippingLabelPayload): Promise<Buffer> {
    return renderLabelPdf(payload);
  }

  /**
   * Runs once per task (TaskRunner's conditional DONE); the upsert still counts a second store in `times_stored`
   * rather than hiding it, so a broken exactly-once shows up in the data. ShippingLabelRendered commits with the
   * label, so the label exists if and only if its event is published, once per task.
   */
  async complete(
    tx: EntityManager,
    payload: RenderShippingLabelPayload,
    pdf: Buffer,
    task: TaskContext,
  ): Promise<void> {
    const [stored]: Array<{ created_at: Date }> = await tx.query(
      `INSERT INTO shipping_labels (task_id, order_id, tracking_number, pdf, rendered_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_id) DO UPDATE
         SET pdf = excluded.pdf, rendered_by = excluded.rendered_by,
             times_stored = shipping_labels.times_stored + 1
       RETURNING created_at`,
      [payload.taskId, payload.orderId, payload.trackingNumber, pdf, task.workerId],
    );
    await announce(tx, task.message, ShippingLabelRendered, {
      orderId: payload.orderId,
      shipmentId: payload.shipmentId,
      taskId: payload.taskId,
      trackingNumber: payload.trackingNumber,
      workerId: task.workerId,
      renderedAt: (stored?.created_at ?? new Date()).toISOString(),
    });
  }
}
