import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import { Payment } from '../payment.entity.js';

const orderIdSchema = z.uuid('must be an order id (a UUID)');

@Controller('payments')
export class GetPaymentController {
  constructor(private readonly dataSource: DataSource) {}

  /** The order's payment, including a VOIDED tombstone (a refund that arrived before any authorization). */
  @Get(':orderId')
  async get(
    @Param('orderId', new ZodValidationPipe(orderIdSchema, 'orderId')) orderId: string,
  ): Promise<Payment> {
    const payment = await this.dataSource.manager.findOneBy(Payment, { orderId });
    if (!payment)
      throw new NotFoundException(
        `no payment for order ${orderId} (unknown, or its command has not arrived yet)`,
      );
    return payment;
  }
}
