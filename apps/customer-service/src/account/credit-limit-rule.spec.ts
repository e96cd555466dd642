import { describe, expect, test } from '@jest/globals';
import { DEFAULT_CREDIT_LIMIT, decideAccount } from './credit-limit-rule.js';

describe('decideAccount', () => {
  test('opens the account with the requested limit, up to and including the ceiling', () => {
    expect(decideAccount(2_500.5, 100_000)).toEqual({ status: 'OPEN', creditLimit: 2_500.5 });
    expect(decideAccount(100_000, 100_000)).toEqual({ status: 'OPEN', creditLimit: 100_000 });
    expect(decideAccount(0, 100_000)).toEqual({ status: 'OPEN', creditLimit: 0 });
  });

  test('no limit requested: the default', () => {
    expect(decideAccount(null, 100_000)).toEqual({ status: 'OPEN', creditLimit: DEFAULT_CREDIT_LIMIT });
  });

  test('above the ceiling: refused with CREDIT_LIMIT_ABOVE_CEILING, naming both amounts', () => {
    expect(decideAccount(100_000.01, 100_000)).toEqual({
      status: 'REFUSED',
      code: 'CREDIT_LIMIT_ABOVE_CEILING',
      detail: 'a credit limit of 100000.01 is above the ceiling of 100000 for new accounts',
      creditLimit: 100_000.01,
    });
  });
});
