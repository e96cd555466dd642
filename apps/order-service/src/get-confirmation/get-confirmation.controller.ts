import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import { type TaskView, taskView } from '@edr/tasks';
import { confirmationTaskOf } from '../confirmation/confirmation-task.js';

const orderIdPipe = new ZodValidationPipe(
  z.uuid('must be an order id (a UUID) as returned by POST /orders'),
  'id',
);

export interface ConfirmationView {
  readonly orderId: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly createdAt: string;
  readonly task: TaskView;
}

@Controller('orders')
export class GetConfirmationController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The confirmation mail of an approved order once its task is DONE; before that 404 with the task's state (null
   * when the order is not approved, or not yet), so a client knows whether to wait.
   */
  @Get(':id/confirmation')
  async get(@Param('id', orderIdPipe) id: string): Promise<ConfirmationView> {
    const task = await confirmationTaskOf(this.dataSource.manager, id);
    if (task?.state !== 'DONE') {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: task
          ? `the confirmation of order ${id} is not rendered yet (task ${task.state})`
          : `order ${id} has no confirmation task (unknown, not approved, or not approved yet)`,
        state: task?.state ?? null,
        lastError: task?.lastError ?? null,
      });
    }
    const [mail]: { subject: string; text_body: string; html_body: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT subject, text_body, html_body, created_at FROM mailbox WHERE task_id = $1`,
        [task.taskId],
      );
    if (!mail) throw new Error(`confirmation task ${task.taskId} is DONE but has no mailbox row`);
    return {
      orderId: id,
      subject: mail.subject,
      text: mail.text_body,
      html: mail.html_body,
      createdAt: mail.created_at.toISOString(),
      task: taskView(task),
    };
  }
}
