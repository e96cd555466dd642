import { type OrderEvent, orderEventClasses } from '../domain/order-events.js';
import type { StoredEvent } from './order-event-store.js';

/** Rehydrates a stored event into its domain class; an unknown type in our own stream is a bug, so it throws. */
export function toDomainEvent(stored: StoredEvent): OrderEvent {
  const EventClass = Object.hasOwn(orderEventClasses, stored.type)
    ? orderEventClasses[stored.type]
    : undefined;
  if (!EventClass) {
    throw new Error(
      `order stream ${stored.streamId} holds unknown event type ${stored.type} at v${stored.version}`,
    );
  }
  return new EventClass(stored.payload as never);
}
