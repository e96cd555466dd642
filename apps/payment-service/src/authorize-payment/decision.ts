import { FailureCodes, type PaymentDeclinedPayload } from '@edr/contracts';
import type { CustomerCreditLimit } from '../credit-limits/credit-limits.js';
import { formatAmount, toCents } from '../money.js';

export type AuthorizationDecision =
  | { readonly approved: true }
  | {
      readonly approved: false;
      readonly code: PaymentDeclinedPayload['code'];
      readonly detail: string;
    };

/**
 * The simulated gateway's only rule: an order whose amount exceeds the customer's credit limit is declined; an amount
 * equal to the limit is accepted. Each order is judged on its own (no running balance across orders), so the same
 * command always gets the same answer.
 */
export function decideCredit(amount: number, limit: CustomerCreditLimit): AuthorizationDecision {
  if (toCents(amount) <= toCents(limit.creditLimit)) return { approved: true };
  const whose =
    limit.source === 'DEFAULT'
      ? `the default credit limit ${formatAmount(limit.creditLimit)} (customer ${limit.customerId} has no limit on record)`
      : `the credit limit ${formatAmount(limit.creditLimit)} of customer ${limit.customerId}`;
  return {
    approved: false,
    code: FailureCodes.creditLimitExceeded,
    detail: `amount ${formatAmount(amount)} exceeds ${whose}`,
  };
}

export const injectedDecline = (declineProbability: number): AuthorizationDecision => ({
  approved: false,
  code: FailureCodes.injectedFailure,
  detail: `declined by fault injection (declineProbability ${declineProbability})`,
});
