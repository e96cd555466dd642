import {
  OrderApproved,
  OrderInventoryReserved,
  OrderPaymentAuthorized,
  OrderPlaced,
  OrderRejected,
  OrderRejectionStarted,
  OrderShipmentScheduled,
  type RejectionReason,
  Topics,
} from '@edr/contracts';
import type { SeenRecord } from '../kafka/record-stream.js';

/** How a saga ended, as order.events told it. */
export interface SagaEnd {
  readonly outcome: 'APPROVED' | 'REJECTED';
  readonly reason: RejectionReason | null;
  /** occurredAt of OrderApproved / OrderRejected (order-service clock). */
  readonly occurredAt: number;
  /** When the bench read that event (bench clock; same machine, same wall clock). */
  readonly observedAt: number;
}

export interface SagaTrace {
  /** occurredAt of each event of the order the bench has seen, by type. */
  readonly events: Map<string, number>;
  /** A rejection under way (OrderRejectionStarted) before OrderRejected. */
  rejecting: RejectionReason | null;
  end: SagaEnd | null;
}

/** The step-by-step events of the happy path, in order: their time differences are the round trips per step. */
export const happyPath = [
  OrderPlaced.type,
  OrderPaymentAuthorized.type,
  OrderInventoryReserved.type,
  OrderShipmentScheduled.type,
  OrderApproved.type,
] as const;

/**
 * What the bench knows about every order from order.events alone (no GET /orders: hundreds of pollers would load the
 * order service more than the sagas do): each event's time and how the saga ended. The POST's answer may arrive
 * after the first events (the commit is before the response), so traces are kept by order id whoever comes first.
 */
export class SagaTracker {
  private readonly traces = new Map<string, SagaTrace>();
  private readonly waiting = new Map<string, (end: SagaEnd) => void>();
  /** observedAt of every saga end, in arrival order: completions per window. */
  readonly ends: number[] = [];
  /** Orders the bench placed whose saga has not ended yet: what one phase leaves to the next. */
  private readonly open = new Set<string>();

  onRecord = (record: SeenRecord): void => {
    if (record.topic !== Topics.orderEvents || !record.key || !record.eventType) return;
    const trace = this.trace(record.key);
    const occurred =
      typeof record.envelope?.occurredAt === 'string' ? Date.parse(record.envelope.occurredAt) : NaN;
    if (!trace.events.has(record.eventType)) trace.events.set(record.eventType, occurred);
    const payload = record.envelope?.payload as { reason?: RejectionReason } | undefined;
    if (record.eventType === OrderRejectionStarted.type) trace.rejecting = payload?.reason ?? null;
    if ((record.eventType === OrderApproved.type || record.eventType === OrderRejected.type) && !trace.end) {
      trace.end = {
        outcome: record.eventType === OrderApproved.type ? 'APPROVED' : 'REJECTED',
        reason: payload?.reason ?? null,
        occurredAt: occurred,
        observedAt: record.receivedAt,
      };
      this.ends.push(record.receivedAt);
      this.open.delete(record.key);
      this.waiting.get(record.key)?.(trace.end);
      this.waiting.delete(record.key);
    }
  };

  /** The bench placed this order (its POST was accepted). */
  placed(orderId: string): void {
    if (!this.traces.get(orderId)?.end) this.open.add(orderId);
  }

  get inFlight(): number {
    return this.open.size;
  }

  trace(orderId: string): SagaTrace {
    let trace = this.traces.get(orderId);
    if (!trace) {
      trace = { events: new Map(), rejecting: null, end: null };
      this.traces.set(orderId, trace);
    }
    return trace;
  }

  /** Resolves when the order's saga has ended (at once if it already has). */
  ended(orderId: string): Promise<SagaEnd> {
    const end = this.traces.get(orderId)?.end;
    if (end) return Promise.resolve(end);
    return new Promise((resolve) => this.waiting.set(orderId, resolve));
  }

  /** Saga ends the bench saw in [from, to]. */
  endsBetween(from: number, to: number): number {
    return this.ends.filter((at) => at >= from && at <= to).length;
  }
}
