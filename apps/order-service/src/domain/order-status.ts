/**
 * The order statuses are public vocabulary (the projection shows them), so they live in @edr/contracts. The saga's
 * own progress (step, attempts, deadline) is separate: see saga/order-saga.state.ts.
 */
export { OrderStatus } from '@edr/contracts';
