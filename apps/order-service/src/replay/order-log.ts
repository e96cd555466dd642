import { AggregateTypes, Topics, parseEvent } from '@edr/contracts';
import { type RawRecord, decodeJsonValue, keyAsText } from '@edr/messaging';
import { orderEventClasses } from '../domain/order-events.js';
import type { StoredEvent } from '../event-store/order-event-store.js';

/** A record of order.events as read: where it is, its key and its value. */
export type LogRecord = Pick<RawRecord, 'partition' | 'offset' | 'key' | 'value'>;

/** A record that is not a valid order event: reported with its position, never folded and never skipped silently. */
export interface InvalidRecord {
  /** `order.events[partition]@offset`. */
  readonly position: string;
  /** The record key, which the order service sets to the order id. */
  readonly key: string | null;
  readonly error: string;
}

/** An event of the log in the shape of a stored one: `version` is its place in the order's stream on the log. */
export interface LogEvent extends StoredEvent {
  readonly position: string;
}

export const recordPosition = (partition: number, offset: string): string =>
  `${Topics.orderEvents}[${partition}]@${offset}`;

/**
 * order.events grouped by order: each record validated against the contracts (envelope, type and version, payload)
 * and checked to be an order event about the order its key names, then appended to that order's stream. The outbox
 * relay delivers at least once, so an event id seen before is a redelivery: counted, not appended again (pure).
 */
export class OrderLog {
  readonly streams = new Map<string, LogEvent[]>();
  readonly invalid: InvalidRecord[] = [];
  records = 0;
  duplicates = 0;
  private readonly seen = new Set<string>();

  add(record: LogRecord): void {
    this.records += 1;
    const position = recordPosition(record.partition, record.offset);
    const key = keyAsText(record.key);
    const invalid = (error: string) => void this.invalid.push({ position, key, error });

    const decoded = decodeJsonValue(record.value);
    if (!decoded.ok) return invalid(decoded.error);
    const parsed = parseEvent(decoded.value);
    if (!parsed.ok) return invalid(parsed.error);
    const envelope = parsed.value;
    if (envelope.aggregateType !== AggregateTypes.order || !Object.hasOwn(orderEventClasses, envelope.type))
      return invalid(`${envelope.type} (aggregate ${envelope.aggregateType}) is not an event of the Order`);
    if (key !== envelope.aggregateId)
      return invalid(`record key ${JSON.stringify(key)} is not the event's order id ${envelope.aggregateId}`);
    if (envelope.payload.orderId !== envelope.aggregateId)
      return invalid(
        `payload orderId ${JSON.stringify(envelope.payload.orderId)} is not the aggregate id ${envelope.aggregateId}`,
      );

    if (this.seen.has(envelope.eventId)) {
      this.duplicates += 1;
      return;
    }
    this.seen.add(envelope.eventId);
    const stream = this.streams.get(envelope.aggregateId) ?? [];
    this.streams.set(envelope.aggregateId, stream);
    stream.push({
      streamId: envelope.aggregateId,
      version: stream.length + 1,
      eventId: envelope.eventId,
      type: envelope.type,
      schemaVersion: envelope.schemaVersion,
      payload: envelope.payload,
      correlationId: envelope.correlationId,
      causationId: envelope.causationId,
      occurredAt: new Date(envelope.occurredAt),
      position,
    });
  }

  /** Valid events appended, redeliveries not counted. */
  get events(): number {
    let count = 0;
    for (const stream of this.streams.values()) count += stream.length;
    return count;
  }
}
