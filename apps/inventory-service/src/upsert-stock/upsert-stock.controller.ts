import { Body, ConflictException, Controller, Param, Put } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ZodValidationPipe } from '@edr/http';
import { queryRows } from '../stock/stock-rows.js';
import { type StockView, toStockView } from '../stock/stock.view.js';
import { type UpsertStockRequest, skuParamSchema, upsertStockRequestSchema } from './upsert-stock.request.js';

interface StockRow {
  sku: string;
  name: string;
  onHand: number;
  reserved: number;
}

/**
 * `PUT /admin/inventory/{sku}`: creates a SKU or sets how many units are on hand (a stock count, a delivery).
 * Demos and tests use it to set up scarce stock. No authentication: local and test networks only.
 */
@Controller('admin/inventory')
export class UpsertStockController {
  constructor(private readonly dataSource: DataSource) {}

  @Put(':sku')
  async upsert(
    @Param('sku', new ZodValidationPipe(skuParamSchema, 'sku')) sku: string,
    @Body(new ZodValidationPipe(upsertStockRequestSchema)) body: UpsertStockRequest,
  ): Promise<StockView> {
    // The reserved check is in the statement, on the row lock: a reservation committed a moment ago is seen, and
    // on_hand can never drop below what orders hold.
    const [stock] = await queryRows<StockRow>(
      this.dataSource.manager,
      `INSERT INTO stock (sku, name, on_hand, reserved) VALUES ($1::varchar, COALESCE($2::varchar, $1::varchar), $3, 0)
       ON CONFLICT (sku) DO UPDATE
         SET name = COALESCE($2::varchar, stock.name), on_hand = EXCLUDED.on_hand, updated_at = now()
         WHERE stock.reserved <= EXCLUDED.on_hand
       RETURNING sku, name, on_hand AS "onHand", reserved`,
      [sku, body.name ?? null, body.onHand],
    );
    if (stock) return toStockView(stock);
    const [current] = await queryRows<{ reserved: number }>(
      this.dataSource.manager,
      `SELECT reserved FROM stock WHERE sku = $1`,
      [sku],
    );
    const reserved = current?.reserved ?? 0;
    throw new ConflictException(
      `cannot set onHand of "${sku}" to ${body.onHand}: ${reserved} units are reserved for orders; ` +
        `release them first or set onHand to ${reserved} or more`,
    );
  }
}
