import { Command } from '@nestjs/cqrs';
import type { PlaceOrderRequest } from './place-order.request.js';

export interface PlaceOrderResult {
  readonly orderId: string;
  readonly status: string;
  /** True when an earlier request with the same Idempotency-Key already placed this order. */
  readonly replayed: boolean;
}

export class PlaceOrderCommand extends Command<PlaceOrderResult> {
  constructor(
    readonly request: PlaceOrderRequest,
    readonly idempotencyKey: string | null,
  ) {
    super();
  }
}
