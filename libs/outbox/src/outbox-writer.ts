import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { type EventEnvelope, messageDefinition } from '@edr/contracts';
import { OutboxMessage } from './outbox-message.entity.js';

export class OutboxTransactionError extends Error {
  override readonly name = 'OutboxTransactionError';
}

export class UnknownMessageTypeError extends Error {
  override readonly name = 'UnknownMessageTypeError';
  constructor(readonly messageType: string) {
    super(
      `cannot write message type "${messageType}" to the outbox: it is not in MessageCatalog (@edr/contracts); add its definition there, with its topic`,
    );
  }
}

export interface OutboxWriteOptions {
  /** W3C trace context of the work that produced the events; carried to Kafka as a header. */
  readonly traceparent?: string | null;
}

/**
 * Writes messages (events and commands) to the outbox through the caller's transaction, so they are committed if and only if the state
 * change is. Each row is deleted again in the same transaction: Debezium reads the INSERT from the WAL (the DELETE
 * is dropped by the outbox event router), so the table stays empty instead of growing without bound and no cleanup
 * job is needed.
 */
export async function writeToOutbox(
  manager: EntityManager,
  events: readonly EventEnvelope[],
  options: OutboxWriteOptions = {},
): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new OutboxTransactionError(
      'writeToOutbox must run inside the transaction that changes the state (use dataSource.transaction(manager => ...))',
    );
  }
  if (events.length === 0) return;
  const rows = events.map((event) => {
    const definition = messageDefinition(event.type);
    if (!definition) throw new UnknownMessageTypeError(event.type);
    return manager.create(OutboxMessage, {
      id: event.eventId,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      type: event.type,
      destination: definition.topic,
      payload: event as unknown as Record<string, unknown>,
      correlationId: event.correlationId,
      causationId: event.causationId,
      traceparent: options.traceparent ?? null,
    });
  });
  // jsonb payloads do not fit TypeORM's deep-partial insert type; the rows are complete entities.
  await manager.insert(OutboxMessage, rows as QueryDeepPartialEntity<OutboxMessage>[]);
  await manager.delete(
    OutboxMessage,
    rows.map((row) => row.id),
  );
}
