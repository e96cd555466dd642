import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { customerIdSchema } from '@edr/contracts';
import { ZodValidationPipe } from '@edr/http';
import { findCopy } from './customer-copies.js';
import type { CopiedCustomer } from './customer-copy.rules.js';

/**
 * `GET /customers/{customerId}/credit`: payment's copy of the customer, read-only (customer-service owns customers;
 * the copy changes only through customer.events). For tests, demos and seeing how far the copy lags.
 */
@Controller('customers')
export class GetCustomerCreditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':customerId/credit')
  async get(
    @Param('customerId', new ZodValidationPipe(customerIdSchema, 'customerId')) customerId: string,
  ): Promise<CopiedCustomer> {
    const copy = await findCopy(this.dataSource.manager, customerId);
    if (!copy)
      throw new NotFoundException(
        `payment-service has no copy of customer ${customerId} (unknown, or its registration events have not arrived yet)`,
      );
    return copy;
  }
}
