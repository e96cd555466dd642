import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import { GetOrderQuery, type OrderState } from './get-order.query.js';

const orderIdSchema = z.uuid('must be an order id (a UUID) as returned by POST /orders');

@Controller('orders')
export class GetOrderController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  async get(@Param('id', new ZodValidationPipe(orderIdSchema, 'id')) id: string): Promise<OrderState> {
    const order = await this.queryBus.execute(new GetOrderQuery(id));
    if (!order) throw new NotFoundException(`order ${id} does not exist`);
    return order;
  }
}
