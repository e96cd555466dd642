import { Query } from '@nestjs/cqrs';
import type { OrderAggregate } from '../domain/order.aggregate.js';

export type OrderState = ReturnType<OrderAggregate['toState']>;

export class GetOrderQuery extends Query<OrderState | null> {
  constructor(readonly orderId: string) {
    super();
  }
}
