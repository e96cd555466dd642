import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderStatus } from '@edr/contracts';

/** Denormalised read model of an order, shaped for the query API rather than for the domain. */
@Entity({ name: 'order_view' })
export class OrderView {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'varchar', length: 64 })
  customerId!: string;

  @Column({ type: 'varchar', length: 32 })
  status!: OrderStatus;

  @Column({
    type: 'numeric',
    precision: 14,
    scale: 2,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  total!: number;

  @Column({ name: 'item_count', type: 'int' })
  itemCount!: number;

  @Column({ type: 'jsonb' })
  items!: unknown;

  @Column({ name: 'shipping_country', type: 'char', length: 2 })
  shippingCountry!: string;

  @Column({ name: 'placed_at', type: 'timestamptz' })
  placedAt!: Date;

  /** Set when the order is REJECTED: { step, code, detail }. */
  @Column({ name: 'rejection_reason', type: 'jsonb', nullable: true })
  rejectionReason!: unknown;

  /** Id of the last event applied: lets a reader tie the view to the event log. */
  @Column({ name: 'last_event_id', type: 'uuid' })
  lastEventId!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
