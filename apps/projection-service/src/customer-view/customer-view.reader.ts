import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface CustomerRow {
  customer_id: string;
  status: string;
  name: string | null;
  email: string | null;
  credit_limit: string | null;
  registered_at: Date | null;
  activated_at: Date | null;
  failure: unknown;
  updated_at: Date;
}

interface OrderRow {
  order_id: string;
  status: string | null;
  total: string | null;
  item_count: number | null;
  items: unknown;
  placed_at: Date | null;
  decided_at: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const RECENT = 5;

/** `GET /views/customers/{id}`: the customer, their order counts, lifetime value and recent purchases. */
@Injectable()
export class CustomerViewReader {
  constructor(private readonly dataSource: DataSource) {}

  async get(customerId: string) {
    const [customer]: CustomerRow[] = await this.dataSource.query(
      `SELECT * FROM customer_view WHERE customer_id = $1`,
      [customerId],
    );
    const orders: OrderRow[] = await this.dataSource.query(
      `SELECT order_id, status, total, item_count, items, placed_at, decided_at FROM customer_view_orders
       WHERE customer_id = $1`,
      [customerId],
    );
    if (!customer && orders.length === 0) return null;
    const approved = orders
      .filter((o) => o.status === 'APPROVED')
      .sort(
        (a, b) =>
          (b.decided_at?.getTime() ?? 0) - (a.decided_at?.getTime() ?? 0) ||
          (a.order_id < b.order_id ? 1 : -1),
      );
    const cents = approved.reduce((sum, o) => sum + Math.round(Number(o.total) * 100), 0);
    return {
      customerId,
      // Orders may arrive before the customer's own events: the customer is then not known yet.
      status: customer?.status ?? 'UNKNOWN',
      name: customer?.name ?? null,
      email: customer?.email ?? null,
      creditLimit: customer?.credit_limit === null || !customer ? null : Number(customer.credit_limit),
      registeredAt: iso(customer?.registered_at ?? null),
      activatedAt: iso(customer?.activated_at ?? null),
      failure: customer?.failure ?? null,
      orders: {
        placed: orders.length,
        approved: approved.length,
        rejected: orders.filter((o) => o.status === 'REJECTED').length,
        open: orders.filter((o) => o.status !== 'APPROVED' && o.status !== 'REJECTED').length,
      },
      lifetimeValue: cents / 100,
      recentPurchases: approved.slice(0, RECENT).map((o) => ({
        orderId: o.order_id,
        total: Number(o.total),
        itemCount: o.item_count,
        items: o.items,
        placedAt: iso(o.placed_at),
        approvedAt: iso(o.decided_at),
      })),
      updatedAt: iso(customer?.updated_at ?? null),
    };
  }
}
