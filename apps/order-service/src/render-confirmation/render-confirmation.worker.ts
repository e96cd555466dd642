import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RenderOrderConfirmation, type RenderOrderConfirmationPayload } from '@edr/contracts';
import type { TaskContext, TaskWorker } from '@edr/tasks';
import { type ConfirmationMail, renderConfirmationMail } from './confirmation-mail.js';

/** Renders an approved order's confirmation mail and stores it in the mailbox with the task's DONE. */
@Injectable()
export class RenderConfirmationWorker implements TaskWorker<
  typeof RenderOrderConfirmation,
  ConfirmationMail
> {
  readonly definition = RenderOrderConfirmation;

  async perform(payload: RenderOrderConfirmationPayload): Promise<ConfirmationMail> {
    return renderConfirmationMail(payload);
  }

  /** Runs once per task; the upsert counts a second store in `times_stored` rather than hiding it. */
  async complete(
    tx: EntityManager,
    payload: RenderOrderConfirmationPayload,
    mail: ConfirmationMail,
    task: TaskContext,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO mailbox (task_id, order_id, customer_id, subject, text_body, html_body, rendered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (task_id) DO UPDATE
         SET subject = excluded.subject, text_body = excluded.text_body, html_body = excluded.html_body,
             rendered_by = excluded.rendered_by, times_stored = mailbox.times_stored + 1`,
      [
        payload.taskId,
        payload.orderId,
        payload.customerId,
        mail.subject,
        mail.text,
        mail.html,
        task.workerId,
      ],
    );
  }
}
