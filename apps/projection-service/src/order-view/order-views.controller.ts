import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import { type ListOrdersQuery, listOrdersQuerySchema } from './list-orders.query.js';
import { OrderViewReader } from './order-view.reader.js';

const orderIdSchema = z.uuid('must be an order id (a UUID)');

/** `GET /views/orders` (filtered, keyset-paginated) and `GET /views/orders/{id}` (with the order's timeline). */
@Controller('views/orders')
export class OrderViewsController {
  constructor(private readonly reader: OrderViewReader) {}

  @Get()
  list(@Query(new ZodValidationPipe(listOrdersQuerySchema, 'query')) query: ListOrdersQuery) {
    return this.reader.list(query);
  }

  @Get(':id')
  async get(@Param('id', new ZodValidationPipe(orderIdSchema, 'id')) id: string) {
    const view = await this.reader.get(id);
    if (!view)
      throw new NotFoundException(`no view of order ${id} (unknown, or its events have not arrived yet)`);
    return view;
  }
}
