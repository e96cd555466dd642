import type { OneSidedEvent } from './compare-order.js';
import { ReplayError } from './replay-errors.js';

export type ServedOrder =
  { readonly found: true; readonly order: Readonly<Record<string, unknown>> } | { readonly found: false };

const TIMEOUT_MS = 10_000;

/** GET /orders/{id} and /history of a running order service, with errors that say what to do. */
export class OrderServiceClient {
  constructor(readonly baseUrl: string) {}

  /** Fails with a ReplayError unless the service answers its /health. */
  async assertReachable(): Promise<void> {
    const response = await this.get('/health');
    if (!response.ok)
      throw new ReplayError(
        `order-service at ${this.baseUrl} is not healthy: /health answered ${response.status}`,
        {
          hint: `check its log and npm run infra:status; ${await bodyText(response)}`,
        },
      );
  }

  /** The order as GET /orders/{id} serves it, or not found (404); any other answer is an error. */
  async order(orderId: string): Promise<ServedOrder> {
    const response = await this.get(`/orders/${orderId}`);
    if (response.status === 404) return { found: false };
    if (!response.ok)
      throw new ReplayError(
        `GET /orders/${orderId} answered ${response.status}: ${await bodyText(response)}`,
      );
    return { found: true, order: (await response.json()) as Record<string, unknown> };
  }

  /** The order's stored events (GET /orders/{id}/history), or null when it has none. */
  async history(orderId: string): Promise<OneSidedEvent[] | null> {
    const response = await this.get(`/orders/${orderId}/history`);
    if (response.status === 404) return null;
    if (!response.ok)
      throw new ReplayError(
        `GET /orders/${orderId}/history answered ${response.status}: ${await bodyText(response)}`,
      );
    return ((await response.json()) as { events: OneSidedEvent[] }).events;
  }

  private async get(path: string): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new ReplayError(`cannot reach order-service at ${this.baseUrl} (GET ${path}: ${reason})`, {
        hint: 'start it (npm run demo, or node apps/order-service/dist/main.js), or point --order-service at it',
        cause: error,
      });
    }
  }
}

const bodyText = async (response: Response) => (await response.text()).slice(0, 300);
