import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CustomerCreated,
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
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
  PaymentAuthorized,
  PaymentDeclined,
  PaymentRefunded,
  ShipmentCancelled,
  ShipmentFailed,
  ShipmentScheduled,
  ShippingLabelRendered,
  Topics,
} from '@edr/contracts';
import { HandlerMap, type IncomingMessage, type IncomingMessageOf } from '@edr/messaging';
import type { Projector } from '../read-model/projector.js';
import { recordViewChange } from '../read-model/view-change.js';

/** The order_view columns each source owns; a source only ever writes its own, so topics may interleave freely. */
type Part = 'status' | 'payment' | 'reservation' | 'shipment' | 'label';

/**
 * The order view: one row per order, denormalised for the query API, fed by every service's events. order.events
 * gives the order itself and its status; payment, inventory, shipping and label events each fill their own column;
 * every event of the order lands in its timeline; customer.events gives the names the query API joins in. Each
 * source upserts only its own columns, so the row converges to the same content whatever order the topics
 * interleave in, live or in a rebuild.
 */
@Injectable()
export class OrderViewProjector implements Projector {
  readonly view = 'orders';
  readonly version = 1;
  readonly tables = ['order_view', 'order_view_timeline', 'order_view_customers'];
  readonly topics = [
    Topics.orderEvents,
    Topics.paymentEvents,
    Topics.inventoryEvents,
    Topics.shippingEvents,
    Topics.shippingLabelEvents,
    Topics.customerEvents,
  ];

  readonly handlers = HandlerMap.create()
    .on(OrderPlaced, (event, tx) => this.placed(event, tx))
    .on(OrderPaymentAuthorized, (e, tx) => this.part(tx, e, 'status', OrderStatus.paymentAuthorized))
    .on(OrderInventoryReserved, (e, tx) => this.part(tx, e, 'status', OrderStatus.inventoryReserved))
    .on(OrderApproved, (e, tx) => this.part(tx, e, 'status', OrderStatus.approved))
    .on(OrderRejectionStarted, (e, tx) => this.part(tx, e, 'status', OrderStatus.compensating))
    .on(OrderRejected, (e, tx) => this.rejected(e, tx))
    .on(OrderShipmentScheduled, (e, tx) => this.part(tx, e, null))
    .on(OrderCompensated, (e, tx) => this.part(tx, e, null))
    .on(OrderLateReplyHandled, (e, tx) => this.part(tx, e, null))
    .on(PaymentAuthorized, (e, tx) =>
      this.part(tx, e, 'payment', {
        state: 'AUTHORIZED',
        paymentId: e.payload.paymentId,
        amount: e.payload.amount,
      }),
    )
    .on(PaymentDeclined, (e, tx) =>
      this.part(tx, e, 'payment', { state: 'DECLINED', code: e.payload.code, detail: e.payload.detail }),
    )
    .on(PaymentRefunded, (e, tx) =>
      this.part(tx, e, 'payment', {
        state: e.payload.paymentId === null ? 'NONE' : 'REFUNDED',
        paymentId: e.payload.paymentId,
        refunded: e.payload.totalRefunded,
      }),
    )
    .on(InventoryReserved, (e, tx) =>
      this.part(tx, e, 'reservation', {
        state: 'RESERVED',
        reservationId: e.payload.reservationId,
        items: e.payload.items,
      }),
    )
    .on(InventoryReservationFailed, (e, tx) =>
      this.part(tx, e, 'reservation', { state: 'FAILED', code: e.payload.code, sku: e.payload.sku }),
    )
    .on(InventoryReleased, (e, tx) =>
      this.part(tx, e, 'reservation', { state: 'RELEASED', reservationId: e.payload.reservationId }),
    )
    .on(ShipmentScheduled, (e, tx) =>
      this.part(tx, e, 'shipment', {
        state: 'SCHEDULED',
        shipmentId: e.payload.shipmentId,
        carrier: e.payload.carrier,
        trackingNumber: e.payload.trackingNumber,
      }),
    )
    .on(ShipmentFailed, (e, tx) =>
      this.part(tx, e, 'shipment', { state: 'FAILED', code: e.payload.code, detail: e.payload.detail }),
    )
    .on(ShipmentCancelled, (e, tx) =>
      this.part(tx, e, 'shipment', { state: 'CANCELLED', shipmentId: e.payload.shipmentId }),
    )
    .on(ShippingLabelRendered, (e, tx) =>
      this.part(tx, e, 'label', {
        state: 'RENDERED',
        trackingNumber: e.payload.trackingNumber,
        renderedAt: e.payload.renderedAt,
        workerId: e.payload.workerId,
      }),
    )
    .on(CustomerCreated, async ({ payload }, tx) => {
      await tx.query(
        `INSERT INTO order_view_customers (customer_id, name, email) VALUES ($1, $2, $3)
         ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, email = excluded.email`,
        [payload.customerId, payload.name, payload.email],
      );
    });

  private async placed(event: IncomingMessageOf<typeof OrderPlaced>, tx: EntityManager) {
    const order = event.payload;
    await tx.query(
      `INSERT INTO order_view
         (order_id, customer_id, status, total, item_count, items, shipping_address, placed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (order_id) DO UPDATE SET
         customer_id = excluded.customer_id, status = COALESCE(order_view.status, excluded.status),
         total = excluded.total, item_count = excluded.item_count, items = excluded.items,
         shipping_address = excluded.shipping_address, placed_at = excluded.placed_at,
         updated_at = greatest(order_view.updated_at, excluded.updated_at)`,
      [
        order.orderId,
        order.customerId,
        OrderStatus.pending,
        order.total,
        order.items.reduce((n, item) => n + item.quantity, 0),
        JSON.stringify(order.items),
        JSON.stringify(order.shippingAddress),
        order.placedAt,
        event.envelope.occurredAt,
      ],
    );
    await this.timeline(tx, order.orderId, event, OrderStatus.pending);
  }

  private async rejected(event: IncomingMessageOf<typeof OrderRejected>, tx: EntityManager) {
    await tx.query(`UPDATE order_view SET rejection_reason = $2 WHERE order_id = $1`, [
      event.payload.orderId,
      JSON.stringify(event.payload.reason),
    ]);
    await this.part(tx, event, 'status', OrderStatus.rejected);
  }

  /** Writes one source's column (none for events that only join the timeline) and the timeline entry. */
  private async part(
    tx: EntityManager,
    event: IncomingMessage<{ readonly orderId: string }>,
    part: Part | null,
    value?: unknown,
  ): Promise<void> {
    const { orderId } = event.payload;
    const time = event.envelope.occurredAt;
    if (part === null) {
      await tx.query(`UPDATE order_view SET updated_at = greatest(updated_at, $2) WHERE order_id = $1`, [
        orderId,
        time,
      ]);
    } else {
      // The column name comes from the Part union above, never from input.
      await tx.query(
        `INSERT INTO order_view (order_id, ${part}, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (order_id) DO UPDATE SET ${part} = excluded.${part},
           updated_at = greatest(order_view.updated_at, excluded.updated_at)`,
        [orderId, part === 'status' ? value : JSON.stringify(value), time],
      );
    }
    await this.timeline(tx, orderId, event, part === 'status' ? (value as string) : undefined);
  }

  private async timeline(
    tx: EntityManager,
    orderId: string,
    event: IncomingMessage<object>,
    status?: string,
  ) {
    const { envelope } = event;
    await tx.query(
      `INSERT INTO order_view_timeline (order_id, event_id, type, topic, occurred_at, detail)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [
        orderId,
        envelope.eventId,
        envelope.type,
        event.topic,
        envelope.occurredAt,
        JSON.stringify(envelope.payload),
      ],
    );
    await recordViewChange(tx, {
      view: this.view,
      key: orderId,
      kind: 'updated',
      eventId: envelope.eventId,
      eventTime: envelope.occurredAt,
      data: { type: envelope.type, ...(status ? { status } : {}) },
    });
  }
}
