import { describe, expect, test } from '@jest/globals';
import type { CopiedCustomer } from '../customer-copy/customer-copy.rules.js';
import type { CustomerFlag } from '../customer-copy/customer-flag.rules.js';
import { decideAuthorization, decideByCopy, decideCredit, injectedDecline, waitExpired } from './decision.js';

const limit = (creditLimit: number) => ({ customerId: 'cust-small', creditLimit });

const copy = (overrides: Partial<CopiedCustomer>): CopiedCustomer => ({
  customerId: 'cust-small',
  status: 'ACTIVE',
  creditLimit: 100,
  failureCode: null,
  failureDetail: null,
  registrationDeadline: null,
  ...overrides,
});

describe('decideCredit', () => {
  test('accepts an amount below or equal to the limit', () => {
    expect(decideCredit(99.99, limit(100))).toEqual({ approved: true });
    expect(decideCredit(100, limit(100))).toEqual({ approved: true });
  });

  test('declines an amount above the limit, naming amount and limit', () => {
    expect(decideCredit(100.01, limit(100))).toEqual({
      approved: false,
      code: 'CREDIT_LIMIT_EXCEEDED',
      detail: 'amount 100.01 exceeds the credit limit 100.00 of customer cust-small',
    });
  });

  test('compares in cents, so floating-point sums do not tip the decision', () => {
    // 0.1 + 0.2 = 0.30000000000000004 in floating point.
    expect(decideCredit(0.1 + 0.2, limit(0.3))).toEqual({ approved: true });
    expect(decideCredit(0.3, limit(0.1 + 0.2))).toEqual({ approved: true });
  });

  test('a zero limit declines any positive amount and accepts zero', () => {
    expect(decideCredit(0.01, limit(0))).toMatchObject({ approved: false });
    expect(decideCredit(0, limit(0))).toEqual({ approved: true });
  });
});

describe('decideByCopy', () => {
  test("ACTIVE: the credit rule with the copy's limit", () => {
    expect(decideByCopy('cust-small', 100, copy({}))).toEqual({
      kind: 'decided',
      decision: { approved: true },
    });
    expect(decideByCopy('cust-small', 100.01, copy({}))).toMatchObject({
      kind: 'decided',
      decision: { approved: false, code: 'CREDIT_LIMIT_EXCEEDED' },
    });
  });

  test('FAILED: declined CUSTOMER_REGISTRATION_FAILED, naming why the registration failed', () => {
    const failed = copy({
      status: 'FAILED',
      creditLimit: null,
      failureCode: 'EMAIL_IN_USE',
      failureDetail: 'contact: email a@example.com is in use',
    });
    expect(decideByCopy('cust-small', 1, failed)).toEqual({
      kind: 'decided',
      decision: {
        approved: false,
        code: 'CUSTOMER_REGISTRATION_FAILED',
        detail:
          'customer cust-small is not active: its registration failed (EMAIL_IN_USE, contact: email a@example.com is in use)',
      },
    });
  });

  test('PENDING or not in the copy: wait, the copy may lag', () => {
    expect(decideByCopy('cust-small', 1, copy({ status: 'PENDING', creditLimit: null }))).toEqual({
      kind: 'wait',
    });
    expect(decideByCopy('cust-new', 1, null)).toEqual({ kind: 'wait' });
  });

  test('not a customer id at all: CUSTOMER_UNKNOWN at once, nothing to wait for', () => {
    expect(decideByCopy('no such customer!', 1, null)).toMatchObject({
      kind: 'decided',
      decision: { approved: false, code: 'CUSTOMER_UNKNOWN' },
    });
  });
});

const flag = (overrides: Partial<CustomerFlag>): CustomerFlag => ({
  customerId: 'cust-small',
  rule: 'repeated-payment-declines',
  flaggedAt: new Date('2026-01-01T10:00:00.000Z'),
  flagEventId: '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10',
  clearedAt: null,
  clearedBy: null,
  clearNote: null,
  ...overrides,
});

describe('decideAuthorization', () => {
  const flaggedDecision = {
    kind: 'decided',
    decision: {
      approved: false,
      code: 'CUSTOMER_FLAGGED',
      detail:
        'customer cust-small is held: flagged by rule repeated-payment-declines since 2026-01-01T10:00:00.000Z; payments are declined until an operator clears the flag',
    },
  };

  test('held (flagged, not cleared): declined CUSTOMER_FLAGGED naming the rule and since when, whatever the credit', () => {
    expect(
      decideAuthorization('cust-small', 1, { copy: copy({ creditLimit: 100_000 }), flag: flag({}) }),
    ).toEqual(flaggedDecision);
    expect(decideAuthorization('cust-small', 0, { copy: copy({}), flag: flag({}) })).toEqual(flaggedDecision);
  });

  test('held whatever the copy says: PENDING, FAILED or not in the copy at all (no wait, the answer is no)', () => {
    for (const standing of [
      copy({ status: 'PENDING', creditLimit: null }),
      copy({ status: 'FAILED', creditLimit: null, failureCode: 'EMAIL_IN_USE', failureDetail: 'x' }),
      null,
    ]) {
      expect(decideAuthorization('cust-small', 1, { copy: standing, flag: flag({}) })).toEqual(
        flaggedDecision,
      );
    }
  });

  test('cleared: decided by the copy again (the credit rule)', () => {
    const liftedFlag = flag({ clearedAt: new Date('2026-01-01T11:00:00.000Z'), clearedBy: 'ops' });
    expect(decideAuthorization('cust-small', 100, { copy: copy({}), flag: liftedFlag })).toEqual({
      kind: 'decided',
      decision: { approved: true },
    });
    expect(decideAuthorization('cust-small', 100.01, { copy: copy({}), flag: liftedFlag })).toMatchObject({
      decision: { code: 'CREDIT_LIMIT_EXCEEDED' },
    });
  });

  test('never flagged: exactly decideByCopy', () => {
    for (const standing of [copy({}), copy({ status: 'PENDING', creditLimit: null }), null]) {
      expect(decideAuthorization('cust-small', 50, { copy: standing, flag: null })).toEqual(
        decideByCopy('cust-small', 50, standing),
      );
    }
  });
});

describe('waitExpired', () => {
  test('no copy at all: CUSTOMER_UNKNOWN', () => {
    expect(waitExpired('cust-new', null, 3000)).toEqual({
      approved: false,
      code: 'CUSTOMER_UNKNOWN',
      detail:
        'customer cust-new is unknown to payment-service (no customer event for it within 3000 ms); register the customer first',
    });
  });

  test('still PENDING: CUSTOMER_PENDING', () => {
    expect(waitExpired('cust-small', copy({ status: 'PENDING', creditLimit: null }), 3000)).toEqual({
      approved: false,
      code: 'CUSTOMER_PENDING',
      detail: 'customer cust-small was still PENDING (registration not finished) after waiting 3000 ms',
    });
  });
});

test('injectedDecline carries INJECTED_FAILURE', () => {
  expect(injectedDecline(1)).toEqual({
    approved: false,
    code: 'INJECTED_FAILURE',
    detail: 'declined by fault injection (declineProbability 1)',
  });
});
