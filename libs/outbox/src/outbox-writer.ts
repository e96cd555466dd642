import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import {
  type EventEnvelope,
  MessageCatalog,
  type MessageDefinition,
  type VersionedMessageCatalog,
} from '@edr/contracts';
import { OutboxMessage } from './outbox-message.entity.js';

export class OutboxTransactionError extends Error {
  override readonly name = 'OutboxTransactionError';
}

export class UnknownMessageTypeError extends Error {
  override readonly name = 'UnknownMessageTypeError';
  constructor(
    readonly messageType: string,
    readonly schemaVersion: number,
    readonly knownVersions: readonly number[],
  ) {
    super(
      knownVersions.length === 0
        ? `cannot write message type "${messageType}" to the outbox: it is not in MessageCatalog (@edr/contracts); add its definition to its service's contract, with its topic and producer`
        : `cannot write ${messageType} v${schemaVersion} to the outbox: MessageCatalog (@edr/contracts) has ${messageType} only at version ${knownVersions.join(', ')}`,
    );
  }
}

/** A service wrote a message type that another service produces (the definition's `producer`). */
export class MessageOwnershipError extends Error {
  override readonly name = 'MessageOwnershipError';
  constructor(
    readonly messageType: string,
    readonly owner: string,
    readonly writer: string,
  ) {
    super(
      `${writer} may not write ${messageType} to its outbox: ${messageType} is produced by ${owner} (the producer its definition in @edr/contracts names)`,
    );
  }
}

export interface OutboxWriteOptions {
  /** The writing service (`config.serviceName`); it may only write messages whose definition names it as producer. */
  readonly producer: string;
  /** W3C trace context of the work that produced the events; carried to Kafka as a header. */
  readonly traceparent?: string | null;
  /** Where the messages' definitions are looked up: the system's MessageCatalog unless a test brings its own. */
  readonly catalog?: VersionedMessageCatalog;
}

/** The definition of `event` (its type at its schema version), if `producer` may write it; throws otherwise. */
function definitionToWrite(
  event: EventEnvelope,
  producer: string,
  catalog: VersionedMessageCatalog,
): MessageDefinition {
  const definition = catalog.find(event.type, event.schemaVersion);
  if (!definition) {
    throw new UnknownMessageTypeError(event.type, event.schemaVersion, catalog.versionsOf(event.type));
  }
  if (definition.producer !== producer) {
    throw new MessageOwnershipError(event.type, definition.producer, producer);
  }
  return definition;
}

/**
 * Writes messages (events and commands) to the outbox through the caller's transaction, so they are committed if and only if the state
 * change is. Each row is deleted again by the same statement (a trigger): Debezium reads the INSERT from the WAL
 * (the DELETE is dropped by the outbox event router), so the table stays empty instead of growing without bound and no cleanup
 * job is needed. Every message must be in the catalog at its schema version and be produced by `options.producer`;
 * otherwise nothing is written and the caller's transaction fails.
 */
export async function writeToOutbox(
  manager: EntityManager,
  events: readonly EventEnvelope[],
  options: OutboxWriteOptions,
): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new OutboxTransactionError(
      'writeToOutbox must run inside the transaction that changes the state (use dataSource.transaction(manager => ...))',
    );
  }
  if (events.length === 0) return;
  const catalog = options.catalog ?? MessageCatalog;
  const rows = events.map((event) => {
    const definition = definitionToWrite(event, options.producer, catalog);
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
  // jsonb payloads do not fit TypeORM's deep-partial insert type; the rows are complete entities. The insert's own
  // trigger deletes them again (DeleteOutboxRowsOnInsert1764300000002).
  await manager.insert(OutboxMessage, rows as QueryDeepPartialEntity<OutboxMessage>[]);
}
