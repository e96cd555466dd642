import { AggregateRoot } from '@nestjs/cqrs';
import type { Compensation, OrderItem, RejectionReason, ShippingAddress } from '@edr/contracts';
import {
  type OrderApprovedEvent,
  type OrderCompensatedEvent,
  type OrderEvent,
  type OrderInventoryReservedEvent,
  type OrderLateReplyHandledEvent,
  type OrderPaymentAuthorizedEvent,
  OrderPlacedEvent,
  type OrderRejectedEvent,
  type OrderRejectionStartedEvent,
  type OrderShipmentScheduledEvent,
} from './order-events.js';
import { OrderStatus } from './order-status.js';
import { orderTotal } from './order-total.js';

export interface PlaceOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly items: readonly OrderItem[];
  readonly shippingAddress: ShippingAddress;
  readonly placedAt: Date;
}

export class InvalidOrderTransitionError extends Error {
  override readonly name = 'InvalidOrderTransitionError';
}

/** Which event may be recorded in which status; anything else is a bug in the saga, so it is refused. */
const allowedFrom: Readonly<Record<string, readonly OrderStatus[]>> = {
  OrderPaymentAuthorized: [OrderStatus.pending],
  OrderInventoryReserved: [OrderStatus.paymentAuthorized],
  OrderShipmentScheduled: [OrderStatus.inventoryReserved],
  OrderApproved: [OrderStatus.inventoryReserved],
  OrderRejectionStarted: [OrderStatus.pending, OrderStatus.paymentAuthorized, OrderStatus.inventoryReserved],
  OrderCompensated: [OrderStatus.compensating, OrderStatus.rejected],
  OrderRejected: [
    OrderStatus.pending,
    OrderStatus.paymentAuthorized,
    OrderStatus.inventoryReserved,
    OrderStatus.compensating,
  ],
  OrderLateReplyHandled: Object.values(OrderStatus),
};

/**
 * Event-sourced: the state below is only ever changed by `on<Event>` handlers, which run both when an event is
 * first applied and when the stream is replayed, so a rebuilt order is the order that was decided.
 */
export class OrderAggregate extends AggregateRoot<OrderEvent> {
  id = '';
  customerId = '';
  items: OrderItem[] = [];
  shippingAddress: ShippingAddress | null = null;
  total = 0;
  status: OrderStatus = OrderStatus.pending;
  placedAt: string | null = null;
  paymentId: string | null = null;
  reservationId: string | null = null;
  shipmentId: string | null = null;
  rejection: RejectionReason | null = null;
  compensationsDone: Compensation[] = [];
  /** Time of the last applied event. */
  updatedAt: string | null = null;
  /** Number of events applied: the stream version this state corresponds to. */
  version = 0;

  static place(command: PlaceOrder): OrderAggregate {
    const order = new OrderAggregate();
    order.apply(
      new OrderPlacedEvent({
        orderId: command.orderId,
        customerId: command.customerId,
        items: command.items.map((item) => ({ ...item })),
        shippingAddress: { ...command.shippingAddress },
        total: orderTotal(command.items),
        placedAt: command.placedAt.toISOString(),
      }),
    );
    return order;
  }

  static fromHistory(events: readonly OrderEvent[], timestamps: readonly string[] = []): OrderAggregate {
    const order = new OrderAggregate();
    events.forEach((event, index) => {
      order.apply(event, true);
      order.updatedAt = timestamps[index] ?? order.updatedAt;
    });
    return order;
  }

  get isTerminal(): boolean {
    return this.status === OrderStatus.approved || this.status === OrderStatus.rejected;
  }

  /** Records a saga decision, refusing transitions the order's life cycle does not have. */
  record(event: OrderEvent): void {
    const allowed = allowedFrom[event.contract.type];
    if (!allowed || !allowed.includes(this.status)) {
      throw new InvalidOrderTransitionError(
        `order ${this.id} is ${this.status}: cannot record ${event.contract.type}`,
      );
    }
    this.apply(event);
  }

  /** Plain, serialisable state: what GET /orders/{id} returns. */
  toState() {
    return {
      orderId: this.id,
      customerId: this.customerId,
      status: this.status,
      rejectionReason: this.rejection,
      items: this.items,
      shippingAddress: this.shippingAddress,
      total: this.total,
      paymentId: this.paymentId,
      reservationId: this.reservationId,
      shipmentId: this.shipmentId,
      compensationsDone: this.compensationsDone,
      placedAt: this.placedAt,
      updatedAt: this.updatedAt,
      version: this.version,
    };
  }

  onOrderPlacedEvent({ payload }: OrderPlacedEvent): void {
    this.id = payload.orderId;
    this.customerId = payload.customerId;
    this.items = payload.items;
    this.shippingAddress = payload.shippingAddress;
    this.total = payload.total;
    this.placedAt = payload.placedAt;
    this.status = OrderStatus.pending;
    this.version += 1;
  }

  onOrderPaymentAuthorizedEvent({ payload }: OrderPaymentAuthorizedEvent): void {
    this.paymentId = payload.paymentId;
    this.status = OrderStatus.paymentAuthorized;
    this.version += 1;
  }

  onOrderInventoryReservedEvent({ payload }: OrderInventoryReservedEvent): void {
    this.reservationId = payload.reservationId;
    this.status = OrderStatus.inventoryReserved;
    this.version += 1;
  }

  onOrderShipmentScheduledEvent({ payload }: OrderShipmentScheduledEvent): void {
    this.shipmentId = payload.shipmentId;
    this.version += 1;
  }

  onOrderApprovedEvent(_event: OrderApprovedEvent): void {
    this.status = OrderStatus.approved;
    this.version += 1;
  }

  onOrderRejectionStartedEvent({ payload }: OrderRejectionStartedEvent): void {
    this.rejection = payload.reason;
    this.status = OrderStatus.compensating;
    this.version += 1;
  }

  onOrderCompensatedEvent({ payload }: OrderCompensatedEvent): void {
    if (!this.compensationsDone.includes(payload.compensation))
      this.compensationsDone.push(payload.compensation);
    this.version += 1;
  }

  onOrderRejectedEvent({ payload }: OrderRejectedEvent): void {
    this.rejection = payload.reason;
    this.status = OrderStatus.rejected;
    this.version += 1;
  }

  onOrderLateReplyHandledEvent(_event: OrderLateReplyHandledEvent): void {
    this.version += 1;
  }
}
