import { describe, expect, test } from '@jest/globals';
import { registerCustomerRequestSchema } from './register-customer.request.js';

const valid = {
  name: ' Ada Lovelace ',
  email: 'ada@example.com',
  phone: '+44 20 1234567',
  address: { line1: '1 Main St', city: 'London', postalCode: 'SW1A 1AA', country: 'gb' },
};

const issues = (body: unknown) => {
  const result = registerCustomerRequestSchema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('registerCustomerRequestSchema', () => {
  test('accepts a valid body, trimmed; the credit limit is optional', () => {
    expect(registerCustomerRequestSchema.parse(valid)).toMatchObject({
      name: 'Ada Lovelace',
      address: { country: 'gb' },
    });
    expect(registerCustomerRequestSchema.parse({ ...valid, creditLimit: 250.5 }).creditLimit).toBe(250.5);
  });

  test('names each bad field, quoting the value and the expected form', () => {
    const found = issues({
      ...valid,
      email: 'not-an-email',
      phone: 'call me',
      address: { ...valid.address, country: 'Germany' },
      creditLimit: -1,
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^email: "not-an-email" is not an email address such as "ada@example.com"/),
        expect.stringMatching(/^phone: "call me" is not a phone number/),
        expect.stringMatching(/^address\.country: "Germany" is not a two-letter ISO 3166-1 country code/),
        expect.stringMatching(/^creditLimit: -1 is not an amount of money ≥ 0/),
      ]),
    );
  });

  test('missing fields and unknown fields are refused', () => {
    expect(issues({ name: 'Ada' })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^email: required/),
        expect.stringMatching(/^address: required/),
      ]),
    );
    expect(issues({ ...valid, vip: true })).toEqual([expect.stringContaining('vip')]);
  });
});
