import { describe, expect, test } from '@jest/globals';
import { decideCredit, injectedDecline } from './decision.js';

const record = (creditLimit: number) => ({
  customerId: 'cust-small',
  creditLimit,
  source: 'RECORD' as const,
});
const fallback = (creditLimit: number) => ({ customerId: 'c-new', creditLimit, source: 'DEFAULT' as const });

describe('decideCredit', () => {
  test('accepts an amount below or equal to the limit', () => {
    expect(decideCredit(99.99, record(100))).toEqual({ approved: true });
    expect(decideCredit(100, record(100))).toEqual({ approved: true });
    expect(decideCredit(5000, fallback(5000))).toEqual({ approved: true });
  });

  test('declines an amount above the limit, naming amount and limit', () => {
    expect(decideCredit(100.01, record(100))).toEqual({
      approved: false,
      code: 'CREDIT_LIMIT_EXCEEDED',
      detail: 'amount 100.01 exceeds the credit limit 100.00 of customer cust-small',
    });
  });

  test('says when the limit is the default one', () => {
    const decision = decideCredit(5000.01, fallback(5000));
    expect(decision).toMatchObject({ approved: false, code: 'CREDIT_LIMIT_EXCEEDED' });
    expect(!decision.approved && decision.detail).toBe(
      'amount 5000.01 exceeds the default credit limit 5000.00 (customer c-new has no limit on record)',
    );
  });

  test('compares in cents, so floating-point sums do not tip the decision', () => {
    // 0.1 + 0.2 = 0.30000000000000004 in floating point.
    expect(decideCredit(0.1 + 0.2, record(0.3))).toEqual({ approved: true });
    expect(decideCredit(0.3, record(0.1 + 0.2))).toEqual({ approved: true });
  });

  test('a zero limit declines any positive amount and accepts zero', () => {
    expect(decideCredit(0.01, record(0))).toMatchObject({ approved: false });
    expect(decideCredit(0, record(0))).toEqual({ approved: true });
  });
});

test('injectedDecline carries INJECTED_FAILURE', () => {
  expect(injectedDecline(1)).toEqual({
    approved: false,
    code: 'INJECTED_FAILURE',
    detail: 'declined by fault injection (declineProbability 1)',
  });
});
