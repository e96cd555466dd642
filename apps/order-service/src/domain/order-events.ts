import type { IEvent } from '@nestjs/cqrs';
import {
  type MessageDefinition,
  OrderApproved,
  OrderCompensated,
  OrderInventoryReserved,
  OrderLateReplyHandled,
  OrderPaymentAuthorized,
  OrderPlaced,
  OrderRejected,
  OrderRejectionStarted,
  OrderShipmentScheduled,
  type PayloadOf,
} from '@edr/contracts';

/**
 * A domain event of the Order aggregate. Its payload is exactly the published contract, so the event stream and
 * order.events never disagree; one class per type because AggregateRoot dispatches to `on<ClassName>`.
 */
export abstract class OrderEvent<
  TDefinition extends MessageDefinition = MessageDefinition,
> implements IEvent {
  abstract readonly contract: TDefinition;
  constructor(readonly payload: PayloadOf<TDefinition>) {}
}

export class OrderPlacedEvent extends OrderEvent<typeof OrderPlaced> {
  readonly contract = OrderPlaced;
}
export class OrderPaymentAuthorizedEvent extends OrderEvent<typeof OrderPaymentAuthorized> {
  readonly contract = OrderPaymentAuthorized;
}
export class OrderInventoryReservedEvent extends OrderEvent<typeof OrderInventoryReserved> {
  readonly contract = OrderInventoryReserved;
}
export class OrderShipmentScheduledEvent extends OrderEvent<typeof OrderShipmentScheduled> {
  readonly contract = OrderShipmentScheduled;
}
export class OrderApprovedEvent extends OrderEvent<typeof OrderApproved> {
  readonly contract = OrderApproved;
}
export class OrderRejectionStartedEvent extends OrderEvent<typeof OrderRejectionStarted> {
  readonly contract = OrderRejectionStarted;
}
export class OrderCompensatedEvent extends OrderEvent<typeof OrderCompensated> {
  readonly contract = OrderCompensated;
}
export class OrderRejectedEvent extends OrderEvent<typeof OrderRejected> {
  readonly contract = OrderRejected;
}
export class OrderLateReplyHandledEvent extends OrderEvent<typeof OrderLateReplyHandled> {
  readonly contract = OrderLateReplyHandled;
}

/** Stored type name → class, for rehydrating the stream. */
export const orderEventClasses: Readonly<Record<string, new (payload: never) => OrderEvent>> = {
  [OrderPlaced.type]: OrderPlacedEvent,
  [OrderPaymentAuthorized.type]: OrderPaymentAuthorizedEvent,
  [OrderInventoryReserved.type]: OrderInventoryReservedEvent,
  [OrderShipmentScheduled.type]: OrderShipmentScheduledEvent,
  [OrderApproved.type]: OrderApprovedEvent,
  [OrderRejectionStarted.type]: OrderRejectionStartedEvent,
  [OrderCompensated.type]: OrderCompensatedEvent,
  [OrderRejected.type]: OrderRejectedEvent,
  [OrderLateReplyHandled.type]: OrderLateReplyHandledEvent,
};
