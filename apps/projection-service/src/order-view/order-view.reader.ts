import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { encodeCursor } from './keyset-cursor.js';
import { type ListOrdersQuery, listOrdersSql } from './list-orders.query.js';

interface OrderRow {
  order_id: string;
  customer_id: string;
  customer_name: string | null;
  customer_email: string | null;
  status: string;
  total: string;
  item_count: number;
  items: unknown;
  shipping_address: unknown;
  placed_at: Date;
  rejection_reason: unknown;
  payment: Record<string, unknown> | null;
  reservation: unknown;
  shipment: Record<string, unknown> | null;
  label: unknown;
  updated_at: Date;
}

const columns = `v.order_id, v.customer_id, c.name AS customer_name, c.email AS customer_email, v.status, v.total,
  v.item_count, v.items, v.shipping_address, v.placed_at, v.rejection_reason, v.payment, v.reservation, v.shipment,
  v.label, v.updated_at`;
const from = `order_view v LEFT JOIN order_view_customers c ON c.customer_id = v.customer_id`;

/** An order view row as the API shows it; the label is PENDING while a scheduled shipment has none yet. */
function present(row: OrderRow) {
  const shipmentScheduled = row.shipment?.['state'] === 'SCHEDULED';
  return {
    orderId: row.order_id,
    customerId: row.customer_id,
    customer: row.customer_name ? { name: row.customer_name, email: row.customer_email } : null,
    status: row.status,
    total: Number(row.total),
    itemCount: row.item_count,
    items: row.items,
    shippingAddress: row.shipping_address,
    placedAt: row.placed_at.toISOString(),
    rejectionReason: row.rejection_reason,
    payment: row.payment,
    reservation: row.reservation,
    shipment: row.shipment,
    label: row.label ?? (shipmentScheduled ? { state: 'PENDING' } : null),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Reads of the order view. An order whose OrderPlaced has not arrived yet (only other sources' parts) is not shown. */
@Injectable()
export class OrderViewReader {
  constructor(private readonly dataSource: DataSource) {}

  async get(orderId: string) {
    const rows: OrderRow[] = await this.dataSource.query(
      `SELECT ${columns} FROM ${from} WHERE v.order_id = $1 AND v.placed_at IS NOT NULL`,
      [orderId],
    );
    if (rows.length === 0) return null;
    const timeline: { event_id: string; type: string; topic: string; occurred_at: Date; detail: unknown }[] =
      await this.dataSource.query(
        `SELECT event_id, type, topic, occurred_at, detail FROM order_view_timeline
         WHERE order_id = $1 ORDER BY occurred_at, event_id`,
        [orderId],
      );
    return {
      ...present(rows[0]!),
      timeline: timeline.map((t) => ({
        at: t.occurred_at.toISOString(),
        type: t.type,
        topic: t.topic,
        eventId: t.event_id,
        detail: t.detail,
      })),
    };
  }

  async list(query: ListOrdersQuery) {
    const { where, params } = listOrdersSql(query);
    const rows: OrderRow[] = await this.dataSource.query(
      `SELECT ${columns} FROM ${from} WHERE ${where}
       ORDER BY v.placed_at DESC, v.order_id DESC LIMIT ${query.limit + 1}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(present),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ placedAt: last.placed_at.toISOString(), orderId: last.order_id })
          : null,
    };
  }
}
