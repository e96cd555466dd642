import { wallMs } from '../clock.js';

/** What one POST /orders came to. A 503 is the stack refusing work at the door: counted, never retried. */
export type PostResult =
  | {
      readonly kind: 'accepted';
      readonly orderId: string;
      readonly sentAt: number;
      readonly acceptedAt: number;
    }
  | {
      readonly kind: 'refused';
      readonly sentAt: number;
      readonly answeredAt: number;
      readonly retryAfter: number | null;
    }
  | { readonly kind: 'error'; readonly sentAt: number; readonly error: string };

/** Retry-After as seconds (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, (date - now) / 1000) : null;
}

export async function postOrder(orderUrl: string, body: string, signal?: AbortSignal): Promise<PostResult> {
  const sentAt = wallMs();
  try {
    const response = await fetch(`${orderUrl}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal,
    });
    const answeredAt = wallMs();
    if (response.status === 503) {
      await response.body?.cancel();
      return {
        kind: 'refused',
        sentAt,
        answeredAt,
        retryAfter: retryAfterSeconds(response.headers.get('retry-after'), Date.now()),
      };
    }
    if (response.status !== 202) {
      return {
        kind: 'error',
        sentAt,
        error: `HTTP ${response.status} ${(await response.text()).slice(0, 200)}`,
      };
    }
    const { orderId } = (await response.json()) as { orderId: string };
    return { kind: 'accepted', orderId, sentAt, acceptedAt: answeredAt };
  } catch (error) {
    return { kind: 'error', sentAt, error: (error as Error).message };
  }
}
