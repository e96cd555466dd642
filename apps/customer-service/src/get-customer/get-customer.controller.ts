import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { customerIdSchema } from '@edr/contracts';
import { ZodValidationPipe } from '@edr/http';
import { CustomerRow } from '../customer.entity.js';
import { type ProfileView, profileView } from '../profile/customer-profile.js';
import { findProfile, recentPurchases } from '../profile/profile-rows.js';

/**
 * A customer as GET /customers/{id} shows it: status, why it failed, each part's state and what the parts gave, and
 * its profile (what it bought, from the read side's enriched purchases).
 */
export type CustomerView = Omit<CustomerRow, 'updatedAt' | 'deadlineAt'> & {
  registrationDeadline: Date | null;
  profile: ProfileView;
};

@Controller('customers')
export class GetCustomerController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':customerId')
  async get(
    @Param('customerId', new ZodValidationPipe(customerIdSchema, 'customerId')) customerId: string,
  ): Promise<CustomerView> {
    // One snapshot, so the totals and the latest purchases agree even while a purchase is being recorded.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const row = await manager.findOneBy(CustomerRow, { customerId });
      if (!row) throw new NotFoundException(`no customer ${customerId}`);
      const { deadlineAt, ...view } = row;
      const profile = profileView(
        await findProfile(manager, customerId),
        await recentPurchases(manager, customerId),
      );
      return { ...view, registrationDeadline: deadlineAt, profile };
    });
  }
}
