/**
 * Keyset pagination over (placed_at DESC, order_id DESC): the cursor is the last row of a page, opaque to clients
 * (base64url JSON), so the next page starts strictly after it however many rows were added before it meanwhile.
 */
export interface OrderCursor {
  readonly placedAt: string;
  readonly orderId: string;
}

export const encodeCursor = (cursor: OrderCursor): string =>
  Buffer.from(JSON.stringify([cursor.placedAt, cursor.orderId]), 'utf8').toString('base64url');

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor, or null when `text` is not one this API handed out. */
export function decodeCursor(text: string): OrderCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [placedAt, orderId] = value as unknown[];
    if (typeof placedAt !== 'string' || Number.isNaN(Date.parse(placedAt))) return null;
    if (typeof orderId !== 'string' || !uuid.test(orderId)) return null;
    return { placedAt, orderId };
  } catch {
    return null;
  }
}
