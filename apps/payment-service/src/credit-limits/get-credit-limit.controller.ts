import { Controller, Get, Param } from '@nestjs/common';
import { ZodValidationPipe } from '@edr/http';
import { type CustomerCreditLimit, CreditLimits } from './credit-limits.js';
import { customerIdSchema } from './customer-id.schema.js';

@Controller('credit-limits')
export class GetCreditLimitController {
  constructor(private readonly creditLimits: CreditLimits) {}

  /** Never 404: a customer without a record has the default limit, and says so in `source`. */
  @Get(':customerId')
  get(
    @Param('customerId', new ZodValidationPipe(customerIdSchema, 'customerId')) customerId: string,
  ): Promise<CustomerCreditLimit> {
    return this.creditLimits.of(customerId);
  }
}
