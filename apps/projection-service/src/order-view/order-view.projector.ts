import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderPlaced, type OrderPlacedPayload } from '@edr/contracts';
import type { IncomingEvent } from '@edr/messaging';

/**
 * Folds order events into order_view. Runs inside the inbox transaction, so each event changes the view exactly
 * once even when Kafka delivers it again.
 */
@Injectable()
export class OrderViewProjector {
  private readonly logger = new Logger(OrderViewProjector.name);

  async apply({ envelope }: IncomingEvent, manager: EntityManager): Promise<void> {
    switch (envelope.type) {
      case OrderPlaced.type:
        return this.onOrderPlaced(envelope.eventId, envelope.payload as OrderPlacedPayload, manager);
      default:
        // Known to the catalog (it was validated) but not relevant to this view.
        this.logger.debug(`order_view ignores ${envelope.type}`);
    }
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
