import { describe, expect, test } from '@jest/globals';
import { AccountClosed, AccountOpened, RegistrationPartRefused } from '@edr/contracts';
import { recordedOutcome } from './recorded-outcome.js';

describe('account recordedOutcome', () => {
  test('an open account answers AccountOpened with its limit', () => {
    expect(
      recordedOutcome({ customerId: 'c', status: 'OPEN', creditLimit: 250.5, failureDetail: null }),
    ).toEqual({
      definition: AccountOpened,
      payload: { customerId: 'c', creditLimit: 250.5 },
    });
  });

  test('a refused account answers CREDIT_LIMIT_ABOVE_CEILING with its detail', () => {
    expect(
      recordedOutcome({ customerId: 'c', status: 'REFUSED', creditLimit: null, failureDetail: 'too much' }),
    ).toEqual({
      definition: RegistrationPartRefused,
      payload: { customerId: 'c', part: 'account', code: 'CREDIT_LIMIT_ABOVE_CEILING', detail: 'too much' },
    });
  });

  test('a closed account (or a tombstone) answers AccountClosed', () => {
    expect(
      recordedOutcome({ customerId: 'c', status: 'CLOSED', creditLimit: 10, failureDetail: null }).definition,
    ).toBe(AccountClosed);
    expect(
      recordedOutcome({ customerId: 'c', status: 'CLOSED', creditLimit: null, failureDetail: null })
        .definition,
    ).toBe(AccountClosed);
  });
});
