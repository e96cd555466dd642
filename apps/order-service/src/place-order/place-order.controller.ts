import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Res, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ZodValidationPipe } from '@edr/http';
import { idempotencyKeySchema } from '@edr/idempotency';
import { OrderAdmissionRefusedFilter } from './admission/order-admission-refused.js';
import { PlaceOrderCommand, type PlaceOrderResult } from './place-order.command.js';
import { type PlaceOrderRequest, placeOrderRequestSchema } from './place-order.request.js';

const idempotencyKeyPipe = new ZodValidationPipe(idempotencyKeySchema.optional(), 'Idempotency-Key');

@Controller('orders')
export class PlaceOrderController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * 202 Accepted: the order is recorded, but the saga that approves or rejects it runs asynchronously;
   * `Location` is where to watch it. 503 with `Retry-After` while too many orders are in flight (nothing written).
   */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @UseFilters(OrderAdmissionRefusedFilter)
  async place(
    @Body(new ZodValidationPipe(placeOrderRequestSchema)) body: PlaceOrderRequest,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Pick<PlaceOrderResult, 'orderId' | 'status'>> {
    const idempotencyKey = idempotencyKeyPipe.transform(idempotencyKeyHeader);
    const result = await this.commandBus.execute(new PlaceOrderCommand(body, idempotencyKey ?? null));
    res.setHeader('Location', `/orders/${result.orderId}`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { orderId: result.orderId, status: result.status };
  }
}
