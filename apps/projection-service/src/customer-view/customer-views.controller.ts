import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { customerIdSchema } from '@edr/contracts';
import { ZodValidationPipe } from '@edr/http';
import { CustomerViewReader } from './customer-view.reader.js';

@Controller('views/customers')
export class CustomerViewsController {
  constructor(private readonly reader: CustomerViewReader) {}

  @Get(':id')
  async get(@Param('id', new ZodValidationPipe(customerIdSchema, 'id')) id: string) {
    const view = await this.reader.get(id);
    if (!view)
      throw new NotFoundException(`no view of customer ${id} (unknown, or its events have not arrived yet)`);
    return view;
  }
}
