import { Body, Controller, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import { type CustomerCreditLimit, CreditLimits } from './credit-limits.js';
import { customerIdSchema } from './customer-id.schema.js';

const LIMIT = 'must be an amount of money ≥ 0 with at most two decimals, e.g. 250 or 99.99';

const setCreditLimitSchema = z.strictObject(
  {
    creditLimit: z
      .number({ message: LIMIT })
      .nonnegative(LIMIT)
      .multipleOf(0.01, LIMIT)
      .max(999_999_999_999.99, 'must fit numeric(14,2): at most 999999999999.99'),
  },
  {
    // A typo such as `limit` must fail loudly rather than leave the limit unchanged.
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed: creditLimit`
        : undefined,
  },
);

/**
 * `PUT /admin/credit-limits/{customerId}`: sets a customer's limit, for demos and tests. Like /admin/faults it has
 * no authentication: local and test networks only. Applies to authorizations decided after it; decided ones stay.
 */
@Controller('admin/credit-limits')
export class SetCreditLimitController {
  constructor(private readonly creditLimits: CreditLimits) {}

  @Put(':customerId')
  set(
    @Param('customerId', new ZodValidationPipe(customerIdSchema, 'customerId')) customerId: string,
    @Body(new ZodValidationPipe(setCreditLimitSchema)) body: z.infer<typeof setCreditLimitSchema>,
  ): Promise<CustomerCreditLimit> {
    return this.creditLimits.set(customerId, body.creditLimit);
  }
}
