import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  OrderApproved,
  OrderInventoryReserved,
  OrderPaymentAuthorized,
  OrderPlaced,
  type OrderPlacedPayload,
  OrderRejected,
  type OrderRejectedPayload,
  OrderRejectionStarted,
} from '@edr/contracts';
import type { IncomingEvent } from '@edr/messaging';

/** The order status each event leaves the order in (see apps/order-service/src/domain/order-status.ts). */
const statusAfter: Readonly<Record<string, string>> = {
  [OrderPaymentAuthorized.type]: 'PAYMENT_AUTHORIZED',
  [OrderInventoryReserved.type]: 'INVENTORY_RESERVED',
  [OrderApproved.type]: 'APPROVED',
  [OrderRejectionStarted.type]: 'COMPENSATING',
  [OrderRejected.type]: 'REJECTED',
};

/**
 * Folds order events into order_view. Runs inside the inbox transaction, so each event changes the view exactly
 * once even when Kafka delivers it again. One order's events arrive in order (same key, same partition).
 */
@Injectable()
export class OrderViewProjector {
  private readonly logger = new Logger(OrderViewProjector.name);

  async apply({ envelope }: IncomingEvent, manager: EntityManager): Promise<void> {
    if (envelope.type === OrderPlaced.type) {
      return this.onOrderPlaced(envelope.eventId, envelope.payload as OrderPlacedPayload, manager);
    }
    const status = statusAfter[envelope.type];
    if (!status) {
      // Known to the catalog (it was validated) but not relevant to this view.
      this.logger.debug(`order_view ignores ${envelope.type}`);
      return;
    }
    const reason =
      envelope.type === OrderRejected.type ? (envelope.payload as OrderRejectedPayload).reason : null;
    await manager.query(
      `UPDATE order_view SET status = $2, rejection_reason = COALESCE($3::jsonb, rejection_reason),
         last_event_id = $4, updated_at = now()
       WHERE order_id = $1`,
      [envelope.aggregateId, status, reason ? JSON.stringify(reason) : null, envelope.eventId],
    );
  }

  private async onOrderPlaced(
    eventId: string,
    order: OrderPlacedPayload,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO order_view
         (order_id, customer_id, status, total, item_count, items, shipping_country, placed_at, last_event_id, updated_at)
       VALUES ($1, $2, 'PENDING', $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (order_id) DO NOTHING`,
      [
        order.orderId,
        order.customerId,
        order.total,
        order.items.reduce((n, item) => n + item.quantity, 0),
        JSON.stringify(order.items),
        order.shippingAddress.country,
        order.placedAt,
        eventId,
      ],
    );
  }
}
