import { Query } from '@nestjs/cqrs';
import type { ReplayedOrder } from '../event-store/order-from-stream.js';
import type { OrderSagaState } from '../saga/order-saga.state.js';

export type OrderState = ReplayedOrder & {
  /** The saga's current progress; absent for a past state (`?at=`), which is rebuilt from events only. */
  saga?: SagaView | null;
  asOf?: string;
};

export type SagaView = Pick<
  OrderSagaState,
  | 'phase'
  | 'step'
  | 'attempts'
  | 'deadlineAt'
  | 'completedSteps'
  | 'pendingCompensations'
  | 'doneCompensations'
>;

export class GetOrderQuery extends Query<OrderState | null> {
  /** `at`: the state as of that time, replayed from the events that had occurred by then. */
  constructor(
    readonly orderId: string,
    readonly at: Date | null = null,
  ) {
    super();
  }
}
