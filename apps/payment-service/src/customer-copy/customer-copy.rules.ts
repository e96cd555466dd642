import type {
  CustomerCreatedPayload,
  CustomerRegistrationFailedPayload,
  CustomerRegistrationStartedPayload,
} from '@edr/contracts';

export const CopiedCustomerStatuses = ['PENDING', 'ACTIVE', 'FAILED'] as const;
/** PENDING: registration started. ACTIVE: registered, with a credit limit. FAILED: the registration failed. */
export type CopiedCustomerStatus = (typeof CopiedCustomerStatuses)[number];

export interface CopiedCustomer {
  readonly customerId: string;
  readonly status: CopiedCustomerStatus;
  readonly creditLimit: number | null;
  readonly failureCode: string | null;
  readonly failureDetail: string | null;
  readonly registrationDeadline: Date | null;
}

export type CustomerEvent =
  | { readonly type: 'CustomerRegistrationStarted'; readonly payload: CustomerRegistrationStartedPayload }
  | { readonly type: 'CustomerCreated'; readonly payload: CustomerCreatedPayload }
  | { readonly type: 'CustomerRegistrationFailed'; readonly payload: CustomerRegistrationFailedPayload };

/**
 * The copy after `event`, or null when the event changes nothing. A registration ends once (ACTIVE or FAILED) and
 * the copy never moves backwards: a late or duplicated CustomerRegistrationStarted after the outcome, or a second
 * outcome, is ignored, so the copy ends the same whatever order the events are consumed in.
 */
export function applyCustomerEvent(
  current: CopiedCustomer | null,
  event: CustomerEvent,
): CopiedCustomer | null {
  const settled = current !== null && current.status !== 'PENDING';
  switch (event.type) {
    case 'CustomerRegistrationStarted': {
      if (current !== null) return null;
      const deadline = new Date(event.payload.registrationDeadline);
      return { ...unsettled(event.payload.customerId), registrationDeadline: deadline };
    }
    case 'CustomerCreated':
      if (settled) return null;
      return {
        ...unsettled(event.payload.customerId),
        registrationDeadline: current?.registrationDeadline ?? null,
        status: 'ACTIVE',
        creditLimit: event.payload.creditLimit,
      };
    case 'CustomerRegistrationFailed':
      if (settled) return null;
      return {
        ...unsettled(event.payload.customerId),
        registrationDeadline: current?.registrationDeadline ?? null,
        status: 'FAILED',
        failureCode: event.payload.reason.code,
        failureDetail: `${event.payload.reason.part}: ${event.payload.reason.detail}`,
      };
  }
}

const unsettled = (customerId: string): CopiedCustomer => ({
  customerId,
  status: 'PENDING',
  creditLimit: null,
  failureCode: null,
  failureDetail: null,
  registrationDeadline: null,
});
