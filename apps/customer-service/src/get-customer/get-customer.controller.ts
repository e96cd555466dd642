import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { customerIdSchema } from '@edr/contracts';
import { ZodValidationPipe } from '@edr/http';
import { CustomerRow } from '../customer.entity.js';

/** A customer as GET /customers/{id} shows it: status, why it failed, each part's state and what the parts gave. */
export type CustomerView = Omit<CustomerRow, 'updatedAt' | 'deadlineAt'> & {
  registrationDeadline: Date | null;
};

@Controller('customers')
export class GetCustomerController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':customerId')
  async get(
    @Param('customerId', new ZodValidationPipe(customerIdSchema, 'customerId')) customerId: string,
  ): Promise<CustomerView> {
    const row = await this.dataSource.manager.findOneBy(CustomerRow, { customerId });
    if (!row) throw new NotFoundException(`no customer ${customerId}`);
    const { deadlineAt, ...view } = row;
    return { ...view, registrationDeadline: deadlineAt };
  }
}
