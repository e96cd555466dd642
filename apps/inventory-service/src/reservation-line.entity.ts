import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Units of one SKU held for one order; kept after release so the history stays readable. */
@Entity({ name: 'reservation_lines' })
export class ReservationLine {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  sku!: string;

  @Column({ type: 'int' })
  quantity!: number;
}
