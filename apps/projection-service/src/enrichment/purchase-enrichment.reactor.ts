import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import {
  AggregateTypes,
  CustomerCreated,
  MessageHeaders,
  OrderApproved,
  type OrderItem,
  PurchaseEnriched,
  Topics,
} from '@edr/contracts';
import { HandlerMap, type IncomingEvent, causedBy } from '@edr/messaging';
import { buildMessage, writeToOutbox } from '@edr/outbox';
import type { ProjectionConfig } from '../projection.config.js';
import type { Reactor } from '../read-model/projector.js';

interface Ready {
  order_id: string;
  customer_id: string;
  approved_at: Date;
  name: string;
  email: string;
  items: OrderItem[];
  item_count: number;
  total: string;
  placed_at: Date;
}

/**
 * The article's enrichment: an approved order joined with its customer, published once as PurchaseEnriched for
 * customer-service to keep in the customer's profile. The approval and the customer's CustomerCreated come on two
 * topics in either order, so each side records what it saw (purchase_enrichments) and whichever completes the pair
 * publishes it, through the outbox in the same transaction. Live only: a rebuild of the views publishes nothing.
 */
@Injectable()
export class PurchaseEnrichmentReactor implements Reactor {
  readonly name = 'purchase-enrichment';
  readonly topics = [Topics.orderEvents, Topics.customerEvents];

  readonly handlers = HandlerMap.create()
    .on(OrderApproved, async (event, tx) => {
      await tx.query(
        `INSERT INTO purchase_enrichments (order_id, customer_id, approved_at)
         SELECT order_id, customer_id, $2 FROM order_view WHERE order_id = $1 AND customer_id IS NOT NULL
         ON CONFLICT (order_id) DO NOTHING`,
        [event.payload.orderId, event.envelope.occurredAt],
      );
      await this.publishReady(tx, event, 'e.order_id = $1', [event.payload.orderId]);
    })
    .on(CustomerCreated, (event, tx) =>
      this.publishReady(tx, event, 'e.customer_id = $1', [event.payload.customerId]),
    );

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig) {}

  /** Publishes every recorded approval matching `where` whose order and customer are both known now. */
  private async publishReady(tx: EntityManager, cause: IncomingEvent, where: string, params: unknown[]) {
    const ready: Ready[] = await tx.query(
      `SELECT e.order_id, e.customer_id, e.approved_at, c.name, c.email, v.items, v.item_count, v.total, v.placed_at
       FROM purchase_enrichments e
       JOIN order_view v ON v.order_id = e.order_id AND v.placed_at IS NOT NULL
       JOIN order_view_customers c ON c.customer_id = e.customer_id
       WHERE ${where} AND e.published_at IS NULL
       FOR UPDATE OF e`,
      params,
    );
    if (ready.length === 0) return;
    const messages = ready.map((row) =>
      buildMessage(PurchaseEnriched, {
        aggregateType: AggregateTypes.projection,
        aggregateId: row.customer_id,
        ...causedBy(cause),
        payload: {
          orderId: row.order_id,
          customerId: row.customer_id,
          customer: { name: row.name, email: row.email },
          items: row.items,
          itemCount: row.item_count,
          total: Number(row.total),
          placedAt: row.placed_at.toISOString(),
          approvedAt: row.approved_at.toISOString(),
        },
      }),
    );
    await writeToOutbox(tx, messages, {
      producer: this.config.serviceName,
      traceparent: cause.headers[MessageHeaders.traceparent] ?? null,
    });
    for (const message of messages) {
      await tx.query(
        `UPDATE purchase_enrichments SET published_event_id = $2, published_at = now() WHERE order_id = $1`,
        [message.payload.orderId, message.eventId],
      );
    }
  }
}
