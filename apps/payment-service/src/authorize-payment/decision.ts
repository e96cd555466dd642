import { FailureCodes, type PaymentDeclinedPayload, customerIdSchema } from '@edr/contracts';
import type { CopiedCustomer } from '../customer-copy/customer-copy.rules.js';
import { type CustomerFlag, isHeld } from '../customer-copy/customer-flag.rules.js';
import type { CustomerStanding } from '../customer-copy/customer-standing.js';
import { formatAmount, toCents } from '../money.js';

export type AuthorizationDecision =
  | { readonly approved: true }
  | {
      readonly approved: false;
      readonly code: PaymentDeclinedPayload['code'];
      readonly detail: string;
    };

/** What the copy allows: a decision now, or wait for the copy to learn how the registration ended. */
export type CustomerVerdict =
  { readonly kind: 'decided'; readonly decision: AuthorizationDecision } | { readonly kind: 'wait' };

export interface CreditLimitOf {
  readonly customerId: string;
  readonly creditLimit: number;
}

/**
 * The simulated gateway's credit rule: an order whose amount exceeds the customer's credit limit is declined; an
 * amount equal to the limit is accepted. Each order is judged on its own (no running balance across orders), so the
 * same command always gets the same answer.
 */
export function decideCredit(amount: number, limit: CreditLimitOf): AuthorizationDecision {
  if (toCents(amount) <= toCents(limit.creditLimit)) return { approved: true };
  return {
    approved: false,
    code: FailureCodes.creditLimitExceeded,
    detail: `amount ${formatAmount(amount)} exceeds the credit limit ${formatAmount(limit.creditLimit)} of customer ${limit.customerId}`,
  };
}

/**
 * An authorization by what payment knows of the customer. A held customer (flagged, not cleared) is declined
 * CUSTOMER_FLAGGED whatever its credit and whether or not its registration has reached the copy: the answer could
 * only be a decline. Otherwise the copy decides (decideByCopy).
 */
export function decideAuthorization(
  customerId: string,
  amount: number,
  standing: CustomerStanding,
): CustomerVerdict {
  if (isHeld(standing.flag)) {
    return { kind: 'decided', decision: flaggedDecline(customerId, standing.flag) };
  }
  return decideByCopy(customerId, amount, standing.copy);
}

/** The decline of a held customer's payment: names the rule that flagged it and since when. */
export const flaggedDecline = (
  customerId: string,
  flag: Pick<CustomerFlag, 'rule' | 'flaggedAt'>,
): AuthorizationDecision => ({
  approved: false,
  code: FailureCodes.customerFlagged,
  detail: `customer ${customerId} is held: flagged by rule ${flag.rule} since ${flag.flaggedAt.toISOString()}; payments are declined until an operator clears the flag`,
});

/**
 * An authorization by payment's copy of the customer. ACTIVE: the credit rule with the copy's limit. FAILED: declined,
 * there is no customer to charge. PENDING or not in the copy: the copy may lag behind customer-service (the order can
 * only have been placed by someone who saw the customer), so wait for its outcome rather than refuse.
 */
export function decideByCopy(
  customerId: string,
  amount: number,
  copy: CopiedCustomer | null,
): CustomerVerdict {
  if (copy?.status === 'ACTIVE' && copy.creditLimit !== null) {
    return { kind: 'decided', decision: decideCredit(amount, { customerId, creditLimit: copy.creditLimit }) };
  }
  if (copy?.status === 'FAILED') {
    return {
      kind: 'decided',
      decision: {
        approved: false,
        code: FailureCodes.customerRegistrationFailed,
        detail: `customer ${customerId} is not active: its registration failed (${copy.failureCode}, ${copy.failureDetail})`,
      },
    };
  }
  // An id customer-service never hands out cannot turn up later: waiting for it would only delay the answer.
  if (copy === null && !customerIdSchema.safeParse(customerId).success) {
    return {
      kind: 'decided',
      decision: {
        approved: false,
        code: FailureCodes.customerUnknown,
        detail: `"${customerId}" is not a customer id (customer-service ids are letters, digits, "-" and "_", at most 64)`,
      },
    };
  }
  return { kind: 'wait' };
}

/** The answer when the wait is over and the copy still has no outcome: the customer is unknown, or still pending. */
export function waitExpired(
  customerId: string,
  copy: CopiedCustomer | null,
  waitMs: number,
): AuthorizationDecision {
  if (copy === null) {
    return {
      approved: false,
      code: FailureCodes.customerUnknown,
      detail: `customer ${customerId} is unknown to payment-service (no customer event for it within ${waitMs} ms); register the customer first`,
    };
  }
  return {
    approved: false,
    code: FailureCodes.customerPending,
    detail: `customer ${customerId} was still PENDING (registration not finished) after waiting ${waitMs} ms`,
  };
}

/** The decline of an authorization whose order was compensated (RefundPayment) before it was decided. */
export const alreadyCompensated = (orderId: string): AuthorizationDecision => ({
  approved: false,
  code: FailureCodes.alreadyCompensated,
  detail: `order ${orderId} was compensated (RefundPayment) while its authorization waited for the customer; nothing was charged`,
});

export const injectedDecline = (declineProbability: number): AuthorizationDecision => ({
  approved: false,
  code: FailureCodes.injectedFailure,
  detail: `declined by fault injection (declineProbability ${declineProbability})`,
});
