import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import {
  GetOrderHistoryQuery,
  type OrderHistoryEntry,
} from '../get-order-history/get-order-history.query.js';
import { GetOrderQuery, type OrderState } from './get-order.query.js';

const orderIdPipe = new ZodValidationPipe(
  z.uuid('must be an order id (a UUID) as returned by POST /orders'),
  'id',
);
const atPipe = new ZodValidationPipe(
  z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 time with a zone, e.g. 2026-11-28T10:15:00Z' })
    .transform((value) => new Date(value))
    .optional(),
  'at',
);

@Controller('orders')
export class GetOrderController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The order now (with its saga's progress), or with `?at=` as it was at that time. */
  @Get(':id')
  async get(@Param('id', orderIdPipe) id: string, @Query('at', atPipe) at?: Date): Promise<OrderState> {
    const order = await this.queryBus.execute(new GetOrderQuery(id, at ?? null));
    if (!order) {
      throw new NotFoundException(
        at
          ? `order ${id} did not exist at ${at.toISOString()} (or does not exist)`
          : `order ${id} does not exist`,
      );
    }
    return order;
  }

  /** Every event of the order, with its version and time. */
  @Get(':id/history')
  async history(
    @Param('id', orderIdPipe) id: string,
  ): Promise<{ orderId: string; events: OrderHistoryEntry[] }> {
    const events = await this.queryBus.execute(new GetOrderHistoryQuery(id));
    if (!events) throw new NotFoundException(`order ${id} does not exist`);
    return { orderId: id, events };
  }
}
