import type { OrderItem } from '@edr/contracts';

/** One approved order of the customer, as its PurchaseEnriched told it. */
export interface PurchaseView {
  readonly orderId: string;
  readonly total: number;
  readonly itemCount: number;
  readonly items: readonly OrderItem[];
  readonly approvedAt: Date;
}

/** The profile GET /customers/{id} shows: what the customer bought, from the read side's enriched purchases. */
export interface ProfileView {
  readonly orderCount: number;
  readonly lifetimeValue: number;
  readonly lastPurchaseAt: Date | null;
  /** The latest purchases by approval time, newest first (at most RECENT_PURCHASES). */
  readonly recentPurchases: readonly PurchaseView[];
}

export const RECENT_PURCHASES = 5;

/** The totals row of a customer, as stored (numeric columns arrive as text from pg). */
export interface ProfileRow {
  readonly order_count: number;
  readonly lifetime_value: string;
  readonly last_purchase_at: Date | null;
}

export interface PurchaseRow {
  readonly order_id: string;
  readonly total: string;
  readonly item_count: number;
  readonly items: OrderItem[];
  readonly approved_at: Date;
}

/**
 * The profile from its stored rows: a customer with no purchase yet has zeros, null and an empty list. Numeric columns
 * have two decimals and fit a double exactly (lifetime values below 10^13).
 */
export function profileView(profile: ProfileRow | null, recent: readonly PurchaseRow[]): ProfileView {
  return {
    orderCount: profile?.order_count ?? 0,
    lifetimeValue: profile ? Number(profile.lifetime_value) : 0,
    lastPurchaseAt: profile?.last_purchase_at ?? null,
    recentPurchases: recent.map((row) => ({
      orderId: row.order_id,
      total: Number(row.total),
      itemCount: row.item_count,
      items: row.items,
      approvedAt: row.approved_at,
    })),
  };
}
