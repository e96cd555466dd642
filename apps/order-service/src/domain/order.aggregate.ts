import { AggregateRoot } from '@nestjs/cqrs';
import type { OrderItem, ShippingAddress } from '@edr/contracts';
import { OrderPlacedEvent, type OrderDomainEvent } from './order-placed.event.js';
import { OrderStatus } from './order-status.js';
import { orderTotal } from './order-total.js';

export interface PlaceOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly items: readonly OrderItem[];
  readonly shippingAddress: ShippingAddress;
  readonly placedAt: Date;
}

/**
 * Event-sourced: the state below is only ever changed by `on<Event>` handlers, which run both when an event is
 * first applied and when the stream is replayed, so a rebuilt order is the order that was decided.
 */
export class OrderAggregate extends AggregateRoot<OrderDomainEvent> {
  id = '';
  customerId = '';
  items: OrderItem[] = [];
  shippingAddress: ShippingAddress | null = null;
  total = 0;
  status: OrderStatus = OrderStatus.pending;
  placedAt: string | null = null;
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

  static fromHistory(events: readonly OrderDomainEvent[]): OrderAggregate {
    const order = new OrderAggregate();
    order.loadFromHistory([...events]);
    return order;
  }

  /** Plain, serialisable state: what GET /orders/{id} returns. */
  toState() {
    return {
      orderId: this.id,
      customerId: this.customerId,
      status: this.status,
      items: this.items,
      shippingAddress: this.shippingAddress,
      total: this.total,
      placedAt: this.placedAt,
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
}
