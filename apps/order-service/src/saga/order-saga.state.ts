import type { Compensation, OrderItem, RejectionReason, SagaStep, ShippingAddress } from '@edr/contracts';

/**
 * RUNNING: a forward step is in flight (`step`, its `attempts`, its `deadlineAt`). COMPENSATING: undoing what was
 * done; `pendingCompensations` are in flight and `attempts` counts their rounds. APPROVED / REJECTED: finished, no
 * deadline. Persisted in order_sagas in the same transaction as the order's events and the outgoing commands.
 */
export type SagaPhase = 'RUNNING' | 'COMPENSATING' | 'APPROVED' | 'REJECTED';

export interface OrderSagaState {
  readonly orderId: string;
  readonly correlationId: string;
  readonly phase: SagaPhase;
  readonly step: SagaStep | null;
  readonly attempts: number;
  readonly deadlineAt: Date | null;
  readonly completedSteps: readonly SagaStep[];
  readonly pendingCompensations: readonly Compensation[];
  readonly doneCompensations: readonly Compensation[];
  readonly rejection: RejectionReason | null;
  readonly startedAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

export interface SagaSettings {
  /** How long the first attempt of a forward step may go without a reply; each further attempt waits twice as long. */
  readonly stepTimeoutMs: number;
  /** Sends of a forward step before the saga gives up on it and compensates. */
  readonly maxStepAttempts: number;
  /** First wait for compensation replies; doubled per round up to `maxCompensationBackoffMs`. Never gives up. */
  readonly compensationTimeoutMs: number;
  readonly maxCompensationBackoffMs: number;
}

/** What the saga needs to know about the order to build its commands. */
export interface OrderSnapshot {
  readonly orderId: string;
  readonly customerId: string;
  readonly total: number;
  readonly items: readonly OrderItem[];
  readonly shippingAddress: ShippingAddress;
}
