import { Query } from '@nestjs/cqrs';

export interface OrderHistoryEntry {
  readonly version: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly eventId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly payload: Record<string, unknown>;
}

export class GetOrderHistoryQuery extends Query<OrderHistoryEntry[] | null> {
  constructor(readonly orderId: string) {
    super();
  }
}
