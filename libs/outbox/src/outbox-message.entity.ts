import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Column names follow the Debezium outbox event router's defaults (id, aggregatetype, aggregateid, type, payload),
 * so the connector configs stay short; `destination` is the topic. See infra/debezium/connectors/*.json.
 */
@Entity({ name: 'outbox' })
export class OutboxMessage {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'aggregatetype', type: 'varchar', length: 255 })
  aggregateType!: string;

  @Column({ name: 'aggregateid', type: 'varchar', length: 255 })
  aggregateId!: string;

  @Column({ type: 'varchar', length: 255 })
  type!: string;

  /** The Kafka topic: the router's route.by.field (route.by.field=destination in infra/debezium/connectors). */
  @Column({ type: 'varchar', length: 255 })
  destination!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'correlation_id', type: 'varchar', length: 255 })
  correlationId!: string;

  @Column({ name: 'causation_id', type: 'varchar', length: 255, nullable: true })
  causationId!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  traceparent!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
