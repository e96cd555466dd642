import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, LessThanOrEqual } from 'typeorm';
import type { EventEnvelope } from '@edr/contracts';
import { isUniqueViolation } from '@edr/database';
import { ConcurrencyError } from './concurrency.error.js';
import { OrderEventRow } from './order-event.entity.js';

export interface StoredEvent {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly payload: Record<string, unknown>;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly occurredAt: Date;
}

/** Append-only event streams, one per order, in the order service's own database. */
@Injectable()
export class OrderEventStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends after `expectedVersion`. Two writers that read the same version both try to insert the same
   * (stream_id, version): the database lets exactly one commit; the other gets a ConcurrencyError and its
   * transaction can only be rolled back.
   */
  async append(
    manager: EntityManager,
    streamId: string,
    expectedVersion: number,
    events: readonly EventEnvelope[],
  ) {
    const values: unknown[] = [];
    const tuples = events.map((event, index) => {
      const base = index * 9;
      values.push(
        streamId,
        expectedVersion + index + 1,
        event.eventId,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.payload),
        event.correlationId,
        event.causationId,
        event.occurredAt,
      );
      return `(${Array.from({ length: 9 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    try {
      // No savepoint: a lost race aborts the caller's transaction, which is rolled back and retried as a whole
      // (the consumer's retry loop, or the client for POST), so two round trips per append are saved.
      await manager.query(
        `INSERT INTO order_events
           (stream_id, version, event_id, type, schema_version, payload, correlation_id, causation_id, occurred_at)
         VALUES ${tuples.join(', ')}`,
        values,
      );
    } catch (error) {
      if (isUniqueViolation(error, 'order_events_pkey'))
        throw new ConcurrencyError(streamId, expectedVersion);
      throw error;
    }
  }

  /** The stream in version order; with `until`, only events that had occurred by then (time travel). */
  async load(
    streamId: string,
    until?: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredEvent[]> {
    return manager.find(OrderEventRow, {
      where: { streamId, ...(until ? { occurredAt: LessThanOrEqual(until) } : {}) },
      order: { version: 'ASC' },
    });
  }
}
