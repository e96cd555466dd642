import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import { Shipment } from '../shipment.entity.js';

const orderIdSchema = z.uuid('must be an order id (a UUID)');

@Controller('shipments')
export class GetShipmentController {
  constructor(private readonly dataSource: DataSource) {}

  /** Shipments are looked up by order: that is the id the saga and its callers know. */
  @Get(':orderId')
  async get(
    @Param('orderId', new ZodValidationPipe(orderIdSchema, 'orderId')) orderId: string,
  ): Promise<Shipment> {
    const shipment = await this.dataSource.manager.findOneBy(Shipment, { orderId });
    if (!shipment) {
      throw new NotFoundException(
        `no shipment for order ${orderId} (unknown, or its ScheduleShipment has not arrived yet)`,
      );
    }
    return shipment;
  }
}
