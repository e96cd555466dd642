import { z } from 'zod';

/** A refusal that quotes what was sent and says what would be accepted. */
const quoting = (expected: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: ${expected}` : `${JSON.stringify(issue.input)} is not ${expected}`,
});

const creditLimit = 'an amount of money ≥ 0 with at most two decimals, e.g. 2500 or 99.95';

const text = (what: string, max: number) =>
  z
    .string(quoting(`${what} (text)`))
    .trim()
    .min(1, `must not be empty: ${what}`)
    .max(max, `must be at most ${max} characters`);

/**
 * The body of `POST /customers`. Only the form is checked here (a 400 names each bad field, and nothing is
 * written); whether the email is free, the limit acceptable and the address deliverable is for the registration's
 * parts to decide, which refuse with a code (the customer then ends FAILED).
 */
export const registerCustomerRequestSchema = z.strictObject({
  name: text('the customer\'s name, e.g. "Ada Lovelace"', 200),
  email: z
    .string(quoting('an email address such as "ada@example.com"'))
    .trim()
    .max(320, 'must be at most 320 characters')
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, quoting('an email address such as "ada@example.com"')),
  phone: z
    .string(quoting('a phone number such as "+49 30 1234567"'))
    .trim()
    .regex(
      /^\+?[0-9][0-9 ()/-]{4,29}$/,
      quoting('a phone number such as "+49 30 1234567" (digits, spaces, + ( ) / -)'),
    ),
  address: z.strictObject(
    {
      line1: text('the street and number, e.g. "1 Main St"', 200),
      city: text('the city, e.g. "Berlin"', 100),
      postalCode: text('the postal code, e.g. "10115"', 20),
      country: z
        .string(quoting('a two-letter ISO 3166-1 country code such as "DE"'))
        .trim()
        .regex(/^[A-Za-z]{2}$/, quoting('a two-letter ISO 3166-1 country code such as "DE"')),
    },
    quoting('an address object { line1, city, postalCode, country }'),
  ),
  // The credit limit asked for; the account part applies its default (when omitted) and its ceiling.
  creditLimit: z
    .number(quoting(creditLimit))
    .nonnegative(quoting(creditLimit))
    .multipleOf(0.01, quoting(creditLimit))
    .max(999_999_999_999.99, quoting(creditLimit))
    .optional(),
});

export type RegisterCustomerRequest = z.infer<typeof registerCustomerRequestSchema>;
