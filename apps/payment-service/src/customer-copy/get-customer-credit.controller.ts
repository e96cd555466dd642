import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { customerIdSchema } from '@edr/contracts';
import { ZodValidationPipe } from '@edr/http';
import type { CopiedCustomer } from './customer-copy.rules.js';
import { type CustomerFlag, isHeld } from './customer-flag.rules.js';
import { readStanding } from './customer-standing.js';

/** The flag as GET shows it: HELD until cleared, then CLEARED with who cleared it. */
export type FlagView = Omit<CustomerFlag, 'customerId'> & { readonly state: 'HELD' | 'CLEARED' };

/**
 * The copy and the flag. `status` (and the copy's other fields) null when only a flag has arrived for the customer:
 * payment has not seen its registration, and the flag must not make it look registered.
 */
export type CustomerCreditView = Omit<CopiedCustomer, 'status'> & {
  readonly status: CopiedCustomer['status'] | null;
  readonly flag: FlagView | null;
};

const noRegistrationSeen = (customerId: string): Omit<CustomerCreditView, 'flag'> => ({
  customerId,
  status: null,
  creditLimit: null,
  failureCode: null,
  failureDetail: null,
  registrationDeadline: null,
});

const flagView = (flag: CustomerFlag): FlagView => ({
  state: isHeld(flag) ? 'HELD' : 'CLEARED',
  rule: flag.rule,
  flaggedAt: flag.flaggedAt,
  flagEventId: flag.flagEventId,
  clearedAt: flag.clearedAt,
  clearedBy: flag.clearedBy,
  clearNote: flag.clearNote,
});

/**
 * `GET /customers/{customerId}/credit`: payment's copy of the customer and its flag, read-only (customer-service owns
 * customers, projection-service flags them; both change only through their events). For tests, demos and seeing how
 * far the copy lags.
 */
@Controller('customers')
export class GetCustomerCreditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':customerId/credit')
  async get(
    @Param('customerId', new ZodValidationPipe(customerIdSchema, 'customerId')) customerId: string,
  ): Promise<CustomerCreditView> {
    const { copy, flag } = await readStanding(this.dataSource.manager, customerId);
    if (!copy && !flag)
      throw new NotFoundException(
        `payment-service has no copy of customer ${customerId} (unknown, or its registration events have not arrived yet)`,
      );
    return { ...(copy ?? noRegistrationSeen(customerId)), flag: flag && flagView(flag) };
  }
}
