import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import { type TaskView, taskView } from '@edr/tasks';
import { labelTaskOf } from '../label/label-task.js';
import { Shipment } from '../shipment.entity.js';

export const orderIdSchema = z.uuid('must be an order id (a UUID)');

/** A shipment with the state of its label task (null when none was enqueued: not scheduled). */
export type ShipmentView = Shipment & { readonly label: TaskView | null };

@Controller('shipments')
export class GetShipmentController {
  constructor(private readonly dataSource: DataSource) {}

  /** Shipments are looked up by order: that is the id the saga and its callers know. */
  @Get(':orderId')
  async get(
    @Param('orderId', new ZodValidationPipe(orderIdSchema, 'orderId')) orderId: string,
  ): Promise<ShipmentView> {
    const shipment = await this.dataSource.manager.findOneBy(Shipment, { orderId });
    if (!shipment) {
      throw new NotFoundException(
        `no shipment for order ${orderId} (unknown, or its ScheduleShipment has not arrived yet)`,
      );
    }
    const task = await labelTaskOf(this.dataSource.manager, orderId);
    return { ...shipment, label: task && taskView(task) };
  }
}
