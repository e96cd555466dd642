import { z } from 'zod';

/** The forward steps of the order saga, in order. */
export const SagaSteps = ['PAYMENT', 'INVENTORY', 'SHIPPING'] as const;
export type SagaStep = (typeof SagaSteps)[number];

/** Compensations, each undoing one forward step. */
export const Compensations = {
  PAYMENT: 'REFUND_PAYMENT',
  INVENTORY: 'RELEASE_INVENTORY',
  SHIPPING: 'CANCEL_SHIPMENT',
} as const satisfies Record<SagaStep, string>;
export type Compensation = (typeof Compensations)[SagaStep];
export const compensationSchema = z.enum(['REFUND_PAYMENT', 'RELEASE_INVENTORY', 'CANCEL_SHIPMENT']);

/**
 * Machine-readable reasons a participant says no, plus TIMEOUT when the orchestrator gave up waiting. Participants
 * only ever send the codes of their own step; see docs/saga.md for the rules that produce each one.
 */
export const FailureCodes = {
  creditLimitExceeded: 'CREDIT_LIMIT_EXCEEDED',
  /** Payment's copy of customers has never heard of the customer, also after waiting PAYMENT_CUSTOMER_WAIT_MS. */
  customerUnknown: 'CUSTOMER_UNKNOWN',
  /** The customer's registration was still PENDING in payment's copy after waiting PAYMENT_CUSTOMER_WAIT_MS. */
  customerPending: 'CUSTOMER_PENDING',
  /** The customer's registration failed: there is no ACTIVE customer to charge. */
  customerRegistrationFailed: 'CUSTOMER_REGISTRATION_FAILED',
  /** A complex-event-processing rule flagged the customer (CustomerFlagged); held until an operator clears it. */
  customerFlagged: 'CUSTOMER_FLAGGED',
  outOfStock: 'OUT_OF_STOCK',
  unknownSku: 'UNKNOWN_SKU',
  unsupportedDestination: 'UNSUPPORTED_DESTINATION',
  /** The order's compensation reached the participant before the request did (reordered or redriven messages). */
  alreadyCompensated: 'ALREADY_COMPENSATED',
  /** Failure injection (demos and tests). */
  injectedFailure: 'INJECTED_FAILURE',
  timeout: 'TIMEOUT',
} as const;
export const failureCodeSchema = z.enum([
  'CREDIT_LIMIT_EXCEEDED',
  'CUSTOMER_UNKNOWN',
  'CUSTOMER_PENDING',
  'CUSTOMER_REGISTRATION_FAILED',
  'CUSTOMER_FLAGGED',
  'OUT_OF_STOCK',
  'UNKNOWN_SKU',
  'UNSUPPORTED_DESTINATION',
  'ALREADY_COMPENSATED',
  'INJECTED_FAILURE',
  'TIMEOUT',
]);
export type FailureCode = z.infer<typeof failureCodeSchema>;

/** Why an order was rejected: which step failed, the code, and a sentence for humans. */
export const rejectionReasonSchema = z.object({
  step: z.enum(SagaSteps),
  code: failureCodeSchema,
  detail: z.string(),
});
export type RejectionReason = z.infer<typeof rejectionReasonSchema>;

/** Money as a decimal number of the order's currency with at most two decimals. */
export const amountSchema = z.number().nonnegative().multipleOf(0.01);
