import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per event; the (stream_id, version) primary key is what makes concurrent appends lose, not corrupt. */
@Entity({ name: 'order_events' })
export class OrderEventRow {
  @PrimaryColumn({ name: 'stream_id', type: 'uuid' })
  streamId!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId!: string;

  @Column({ type: 'varchar', length: 255 })
  type!: string;

  @Column({ name: 'schema_version', type: 'int' })
  schemaVersion!: number;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'correlation_id', type: 'varchar', length: 255 })
  correlationId!: string;

  @Column({ name: 'causation_id', type: 'varchar', length: 255, nullable: true })
  causationId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
