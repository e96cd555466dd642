import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CustomerCreated,
  CustomerRegistrationFailed,
  CustomerRegistrationStarted,
  OrderApproved,
  OrderPlaced,
  OrderRejected,
  OrderStatus,
  Topics,
} from '@edr/contracts';
import { HandlerMap, type IncomingEvent } from '@edr/messaging';
import type { Projector } from '../read-model/projector.js';
import { recordViewChange } from '../read-model/view-change.js';

/**
 * The customer view: a customer's registration status and contact data from customer.events, and their orders from
 * order.events (kept here, not read from the order view, so the two can be rebuilt apart). Lifetime value and recent
 * purchases are computed on read from the orders, so the rows converge whatever order the two topics interleave in.
 */
@Injectable()
export class CustomerViewProjector implements Projector {
  readonly view = 'customers';
  readonly version = 1;
  readonly tables = ['customer_view', 'customer_view_orders'];
  readonly topics = [Topics.customerEvents, Topics.orderEvents];

  readonly handlers = HandlerMap.create()
    .on(CustomerRegistrationStarted, async (event, tx) => {
      await tx.query(
        `INSERT INTO customer_view (customer_id, status, registered_at, updated_at) VALUES ($1, 'PENDING', $2, $2)
         ON CONFLICT (customer_id) DO UPDATE SET registered_at = excluded.registered_at`,
        [event.payload.customerId, event.envelope.occurredAt],
      );
      await this.changed(tx, event.payload.customerId, event, 'PENDING');
    })
    .on(CustomerCreated, async (event, tx) => {
      const c = event.payload;
      await tx.query(
        `INSERT INTO customer_view (customer_id, status, name, email, credit_limit, activated_at, updated_at)
         VALUES ($1, 'ACTIVE', $2, $3, $4, $5, $6)
         ON CONFLICT (customer_id) DO UPDATE SET status = 'ACTIVE', name = excluded.name, email = excluded.email,
           credit_limit = excluded.credit_limit, activated_at = excluded.activated_at,
           updated_at = greatest(customer_view.updated_at, excluded.updated_at)`,
        [c.customerId, c.name, c.email, c.creditLimit, c.activatedAt, event.envelope.occurredAt],
      );
      await this.changed(tx, c.customerId, event, 'ACTIVE');
    })
    .on(CustomerRegistrationFailed, async (event, tx) => {
      const c = event.payload;
      await tx.query(
        `INSERT INTO customer_view (customer_id, status, failure, updated_at) VALUES ($1, 'FAILED', $2, $3)
         ON CONFLICT (customer_id) DO UPDATE SET status = 'FAILED', failure = excluded.failure,
           updated_at = greatest(customer_view.updated_at, excluded.updated_at)`,
        [c.customerId, JSON.stringify({ ...c.reason, failedAt: c.failedAt }), event.envelope.occurredAt],
      );
      await this.changed(tx, c.customerId, event, 'FAILED');
    })
    .on(OrderPlaced, async (event, tx) => {
      const o = event.payload;
      await tx.query(
        `INSERT INTO customer_view_orders (order_id, customer_id, status, total, item_count, items, placed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (order_id) DO UPDATE SET customer_id = excluded.customer_id,
           status = COALESCE(customer_view_orders.status, excluded.status), total = excluded.total,
           item_count = excluded.item_count, items = excluded.items, placed_at = excluded.placed_at`,
        [
          o.orderId,
          o.customerId,
          OrderStatus.pending,
          o.total,
          o.items.reduce((n, item) => n + item.quantity, 0),
          JSON.stringify(o.items),
          o.placedAt,
        ],
      );
      await this.changed(tx, o.customerId, event);
    })
    .on(OrderApproved, (event, tx) => this.decided(tx, event, OrderStatus.approved))
    .on(OrderRejected, (event, tx) => this.decided(tx, event, OrderStatus.rejected));

  private async decided(
    tx: EntityManager,
    event: IncomingEvent & { payload: { orderId: string } },
    status: string,
  ) {
    const rows: { customer_id: string | null }[] = await tx.query(
      `INSERT INTO customer_view_orders (order_id, status, decided_at) VALUES ($1, $2, $3)
       ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, decided_at = excluded.decided_at
       RETURNING customer_id`,
      [event.payload.orderId, status, event.envelope.occurredAt],
    );
    const customerId = rows[0]?.customer_id;
    if (customerId) await this.changed(tx, customerId, event);
  }

  private changed(tx: EntityManager, customerId: string, event: IncomingEvent, status?: string) {
    return recordViewChange(tx, {
      view: this.view,
      key: customerId,
      kind: 'updated',
      eventId: event.envelope.eventId,
      eventTime: event.envelope.occurredAt,
      data: { type: event.envelope.type, ...(status ? { status } : {}) },
    });
  }
}
