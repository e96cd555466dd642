import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A customer's hold, written only from projection.events (ProjectionEventsConsumer; customer-flag.rules.ts says what
 * each column means). One row per customer: the latest flag, and its clearing once cleared.
 */
@Entity({ name: 'customer_flags' })
export class CustomerFlagRow {
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 64 })
  customerId!: string;

  @Column({ type: 'text' })
  rule!: string;

  @Column({ name: 'flagged_at', type: 'timestamptz' })
  flaggedAt!: Date;

  @Column({ name: 'flag_event_id', type: 'uuid' })
  flagEventId!: string;

  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;

  @Column({ name: 'cleared_by', type: 'varchar', length: 100, nullable: true })
  clearedBy!: string | null;

  @Column({ name: 'clear_note', type: 'text', nullable: true })
  clearNote!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
