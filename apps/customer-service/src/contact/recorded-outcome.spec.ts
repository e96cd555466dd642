import { describe, expect, test } from '@jest/globals';
import { ContactCreated, ContactReleased, RegistrationPartRefused } from '@edr/contracts';
import type { ContactRow } from './contact-rows.js';
import { recordedOutcome } from './recorded-outcome.js';

const held: ContactRow = {
  customerId: 'cust-1',
  status: 'HELD',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+44 20 1234567',
  failureCode: null,
  failureDetail: null,
};

describe('contact recordedOutcome', () => {
  test('a held contact answers ContactCreated with what it holds', () => {
    expect(recordedOutcome(held)).toEqual({
      definition: ContactCreated,
      payload: {
        customerId: 'cust-1',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+44 20 1234567',
      },
    });
  });

  test('a refused contact answers the same refusal on every repeat', () => {
    const refused = {
      ...held,
      status: 'REFUSED',
      failureCode: 'EMAIL_IN_USE',
      failureDetail: 'taken',
    } as const;
    expect(recordedOutcome(refused)).toEqual({
      definition: RegistrationPartRefused,
      payload: { customerId: 'cust-1', part: 'contact', code: 'EMAIL_IN_USE', detail: 'taken' },
    });
  });

  test('a released contact (or a tombstone) holds nothing: ContactReleased', () => {
    expect(recordedOutcome({ ...held, status: 'RELEASED' }).definition).toBe(ContactReleased);
    expect(
      recordedOutcome({ ...held, status: 'RELEASED', name: null, email: null, phone: null }).definition,
    ).toBe(ContactReleased);
  });

  test('refuses to answer from a held row without its email', () => {
    expect(() => recordedOutcome({ ...held, email: null })).toThrow(/lacks its name, email or phone/);
  });
});
