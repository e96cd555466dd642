import { describe, expect, test } from '@jest/globals';
import { type CopiedCustomer, type CustomerEvent, applyCustomerEvent } from './customer-copy.rules.js';

const customerId = 'cust-new';
const deadline = '2026-01-01T10:00:10.000Z';

const started: CustomerEvent = {
  type: 'CustomerRegistrationStarted',
  payload: { customerId, registrationDeadline: deadline },
};
const created: CustomerEvent = {
  type: 'CustomerCreated',
  payload: {
    customerId,
    name: 'Ada',
    email: 'ada@example.com',
    phone: '+49 30 1234567',
    address: { line1: 'Main St 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    creditLimit: 250,
    activatedAt: '2026-01-01T10:00:01.000Z',
  },
};
const failed: CustomerEvent = {
  type: 'CustomerRegistrationFailed',
  payload: {
    customerId,
    reason: { part: 'contact', code: 'EMAIL_IN_USE', detail: 'email ada@example.com is in use' },
    failedAt: '2026-01-01T10:00:01.000Z',
  },
};

/** The copy after consuming `events` in this order, as the consumer does: an unchanged copy stays as it was. */
const replay = (events: readonly CustomerEvent[]): CopiedCustomer | null =>
  events.reduce<CopiedCustomer | null>((copy, event) => applyCustomerEvent(copy, event) ?? copy, null);

const active = {
  customerId,
  status: 'ACTIVE',
  creditLimit: 250,
  failureCode: null,
  failureDetail: null,
};

describe('applyCustomerEvent', () => {
  test('started: PENDING with its deadline', () => {
    expect(applyCustomerEvent(null, started)).toEqual({
      customerId,
      status: 'PENDING',
      creditLimit: null,
      failureCode: null,
      failureDetail: null,
      registrationDeadline: new Date(deadline),
    });
  });

  test("created after started: ACTIVE with the account's limit, keeping the deadline", () => {
    expect(replay([started, created])).toEqual({ ...active, registrationDeadline: new Date(deadline) });
  });

  test('failed after started: FAILED with the part, code and detail', () => {
    expect(replay([started, failed])).toMatchObject({
      status: 'FAILED',
      creditLimit: null,
      failureCode: 'EMAIL_IN_USE',
      failureDetail: 'contact: email ada@example.com is in use',
    });
  });

  test('never backwards: a late CustomerRegistrationStarted after the outcome changes nothing', () => {
    const activeCopy = replay([created]);
    expect(activeCopy).toEqual({ ...active, registrationDeadline: null });
    expect(applyCustomerEvent(activeCopy, started)).toBeNull();
    expect(applyCustomerEvent(replay([failed]), started)).toBeNull();
  });

  test('the outcome is final: a second outcome or a duplicate changes nothing', () => {
    const activeCopy = replay([started, created]);
    expect(applyCustomerEvent(activeCopy, created)).toBeNull();
    expect(applyCustomerEvent(activeCopy, failed)).toBeNull();
    expect(applyCustomerEvent(replay([started, failed]), created)).toBeNull();
    expect(applyCustomerEvent(replay([started]), started)).toBeNull();
  });

  test('the status ends the same whatever order started and the outcome arrive in', () => {
    expect(replay([created, started])?.status).toBe('ACTIVE');
    expect(replay([started, created, started, created])?.status).toBe('ACTIVE');
    expect(replay([failed, started, failed])?.status).toBe('FAILED');
  });
});
