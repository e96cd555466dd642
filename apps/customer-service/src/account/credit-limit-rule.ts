/** The limit of an account whose registration named none. */
export const DEFAULT_CREDIT_LIMIT = 1_000;

export type AccountDecision =
  | { readonly status: 'OPEN'; readonly creditLimit: number }
  | {
      readonly status: 'REFUSED';
      readonly code: 'CREDIT_LIMIT_ABOVE_CEILING';
      readonly detail: string;
      readonly creditLimit: number;
    };

/**
 * The account part's rule: the requested limit (or DEFAULT_CREDIT_LIMIT) up to the ceiling
 * (CUSTOMER_CREDIT_LIMIT_CEILING); a limit above it is refused rather than cut down, since the customer asked for it.
 */
export function decideAccount(requested: number | null, ceiling: number): AccountDecision {
  const creditLimit = requested ?? DEFAULT_CREDIT_LIMIT;
  if (creditLimit > ceiling) {
    return {
      status: 'REFUSED',
      code: 'CREDIT_LIMIT_ABOVE_CEILING',
      detail: `a credit limit of ${creditLimit} is above the ceiling of ${ceiling} for new accounts`,
      creditLimit,
    };
  }
  return { status: 'OPEN', creditLimit };
}
