import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Stock } from './stock.entity.js';
import { type StockView, toStockView } from './stock.view.js';

@Controller('inventory')
export class GetStockController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async list(): Promise<StockView[]> {
    const stock = await this.dataSource.manager.find(Stock, { order: { sku: 'ASC' } });
    return stock.map(toStockView);
  }

  @Get(':sku')
  async get(@Param('sku') sku: string): Promise<StockView> {
    const stock = await this.dataSource.manager.findOneBy(Stock, { sku });
    if (!stock) throw new NotFoundException(`unknown SKU "${sku}"`);
    return toStockView(stock);
  }
}
