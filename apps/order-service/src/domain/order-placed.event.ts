import type { IEvent } from '@nestjs/cqrs';
import { OrderPlaced, type OrderPlacedPayload } from '@edr/contracts';

/** Domain event; its payload is exactly the published contract, so the stream and the topic never disagree. */
export class OrderPlacedEvent implements IEvent {
  constructor(readonly payload: OrderPlacedPayload) {}

  get contract(): { readonly type: string; readonly schemaVersion: number } {
    return OrderPlaced;
  }
}

export type OrderDomainEvent = OrderPlacedEvent;
