import { OrderPlaced, type OrderPlacedPayload } from '@edr/contracts';
import { type OrderDomainEvent, OrderPlacedEvent } from '../domain/order-placed.event.js';
import type { StoredEvent } from './order-event-store.js';

/** Rehydrates a stored event into its domain class; an unknown type in our own stream is a bug, so it throws. */
export function toDomainEvent(stored: StoredEvent): OrderDomainEvent {
  switch (stored.type) {
    case OrderPlaced.type:
      return new OrderPlacedEvent(stored.payload as OrderPlacedPayload);
    default:
      throw new Error(
        `order stream ${stored.streamId} holds unknown event type ${stored.type} at v${stored.version}`,
      );
  }
}
