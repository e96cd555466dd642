import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import { OrderView } from './order-view.entity.js';

const orderIdSchema = z.uuid('must be an order id (a UUID)');

@Controller('views/orders')
export class GetOrderViewController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':id')
  async get(@Param('id', new ZodValidationPipe(orderIdSchema, 'id')) id: string): Promise<OrderView> {
    const view = await this.dataSource.manager.findOneBy(OrderView, { orderId: id });
    if (!view)
      throw new NotFoundException(`no view of order ${id} (unknown, or its events have not arrived yet)`);
    return view;
  }
}
