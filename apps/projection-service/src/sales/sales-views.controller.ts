import { Controller, Get, Query } from '@nestjs/common';
import { ZodValidationPipe } from '@edr/http';
import { type SalesWindowsQuery, salesWindowsQuerySchema } from './sales-windows.query.js';
import { SalesWindowsReader } from './sales-windows.reader.js';

/** `GET /views/sales?sku=&from=&to=&limit=`: sales per SKU and one-minute window, with the watermarks. */
@Controller('views/sales')
export class SalesViewsController {
  constructor(private readonly reader: SalesWindowsReader) {}

  @Get()
  list(@Query(new ZodValidationPipe(salesWindowsQuerySchema, 'query')) query: SalesWindowsQuery) {
    return this.reader.list(query);
  }
}
