import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InventoryReservationFailedPayload } from '@edr/contracts';

export const ReservationStatuses = ['RESERVED', 'RELEASED', 'FAILED'] as const;
export type ReservationStatus = (typeof ReservationStatuses)[number];

/**
 * What this service answered for an order, kept so that a retried ReserveInventory gets the same answer. A RELEASED
 * row without reservationId is a tombstone: the release came first and the order may no longer reserve.
 */
@Entity({ name: 'reservations' })
export class Reservation {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** Set when stock was reserved; null for failures and tombstones. */
  @Column({ name: 'reservation_id', type: 'uuid', nullable: true })
  reservationId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ReservationStatus;

  @Column({ name: 'failure_code', type: 'varchar', length: 32, nullable: true })
  failureCode!: InventoryReservationFailedPayload['code'] | null;

  @Column({ name: 'failure_detail', type: 'text', nullable: true })
  failureDetail!: string | null;

  @Column({ name: 'failure_sku', type: 'varchar', length: 64, nullable: true })
  failureSku!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
