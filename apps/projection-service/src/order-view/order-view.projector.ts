import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  OrderApproved,
  OrderCompensated,
  OrderInventoryReserved,
  OrderLateReplyHandled,
  OrderPaymentAuthorized,
  OrderPlaced,
  OrderRejected,
  OrderRejectionStarted,
  OrderShipmentScheduled,
  OrderStatus,
} from '@edr/contracts';
import { HandlerMap, type IncomingEvent, type IncomingMessageOf } from '@edr/messaging';

/**
 * Folds order events into order_view. Runs inside the inbox transaction, so each event changes the view exactly
 * once even when Kafka delivers it again. One order's events arrive in order (same key, same partition).
 */
@Injectable()
export class OrderViewProjector {
  /** What each order event does to the view; the status it leaves the order in comes from the contracts. */
  readonly handlers = HandlerMap.create()
    .on(OrderPlaced, (event, tx) => this.placed(event, tx))
    .on(OrderPaymentAuthorized, (event, tx) => this.moved(event, OrderStatus.paymentAuthorized, tx))
    .on(OrderInventoryReserved, (event, tx) => this.moved(event, OrderStatus.inventoryReserved, tx))
    .on(OrderApproved, (event, tx) => this.moved(event, OrderStatus.approved, tx))
    .on(OrderRejectionStarted, (event, tx) => this.moved(event, OrderStatus.compensating, tx))
    .on(OrderRejected, (event, tx) => this.moved(event, OrderStatus.rejected, tx, event.payload.reason))
    // On order.events but not shown by this view: the status they leave the order in is unchanged.
    .ignore(OrderShipmentScheduled, OrderCompensated, OrderLateReplyHandled);

  private async placed(
    { envelope, payload: order }: IncomingMessageOf<typeof OrderPlaced>,
    tx: EntityManager,
  ) {
    await tx.query(
      `INSERT INTO order_view
         (order_id, customer_id, status, total, item_count, items, shipping_country, placed_at, last_event_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (order_id) DO NOTHING`,
      [
        order.orderId,
        order.customerId,
        OrderStatus.pending,
        order.total,
        order.items.reduce((n, item) => n + item.quantity, 0),
        JSON.stringify(order.items),
        order.shippingAddress.country,
        order.placedAt,
        envelope.eventId,
      ],
    );
  }

  private async moved(
    { envelope }: Pick<IncomingEvent, 'envelope'>,
    status: OrderStatus,
    tx: EntityManager,
    rejectionReason: IncomingMessageOf<typeof OrderRejected>['payload']['reason'] | null = null,
  ) {
    await tx.query(
      `UPDATE order_view SET status = $2, rejection_reason = COALESCE($3::jsonb, rejection_reason),
         last_event_id = $4, updated_at = now()
       WHERE order_id = $1`,
      [
        envelope.aggregateId,
        status,
        rejectionReason ? JSON.stringify(rejectionReason) : null,
        envelope.eventId,
      ],
    );
  }
}
