import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ShipmentFailedPayload, ShippingAddress, StockLine } from '@edr/contracts';

export const ShipmentStatuses = ['SCHEDULED', 'FAILED', 'CANCELLED'] as const;
export type ShipmentStatus = (typeof ShipmentStatuses)[number];

/**
 * The outcome of shipping one order. CANCELLED covers two cases told apart by `scheduledAt`: a shipment that was
 * scheduled and then cancelled, and a tombstone left by a CancelShipment that arrived before any ScheduleShipment.
 */
@Entity({ name: 'shipments' })
export class Shipment {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'shipment_id', type: 'uuid', nullable: true })
  shipmentId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ShipmentStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  carrier!: string | null;

  @Column({ name: 'tracking_number', type: 'varchar', length: 64, nullable: true })
  trackingNumber!: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  country!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  address!: ShippingAddress | null;

  @Column({ type: 'jsonb', nullable: true })
  items!: StockLine[] | null;

  @Column({ name: 'failure_code', type: 'varchar', length: 64, nullable: true })
  failureCode!: ShipmentFailedPayload['code'] | null;

  @Column({ name: 'failure_detail', type: 'text', nullable: true })
  failureDetail!: string | null;

  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt!: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
