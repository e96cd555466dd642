export interface StockView {
  readonly sku: string;
  readonly name: string;
  readonly onHand: number;
  readonly reserved: number;
  /** onHand − reserved: what the next order can still reserve. */
  readonly available: number;
}

export const toStockView = (stock: {
  sku: string;
  name: string;
  onHand: number;
  reserved: number;
}): StockView => ({
  sku: stock.sku,
  name: stock.name,
  onHand: stock.onHand,
  reserved: stock.reserved,
  available: stock.onHand - stock.reserved,
});
