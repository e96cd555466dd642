import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One SKU in the warehouse. Written only by conditional SQL updates (see ReserveInventoryHandler). */
@Entity({ name: 'stock' })
export class Stock {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Units physically in the warehouse, reserved or not. */
  @Column({ name: 'on_hand', type: 'int' })
  onHand!: number;

  /** Units of onHand held for orders; the rest is available. */
  @Column({ type: 'int' })
  reserved!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
