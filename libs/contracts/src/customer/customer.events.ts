import { z } from 'zod';
import { defineMessage, type PayloadOf } from '../message-definition.js';
import { shippingAddressSchema } from '../order/order-placed.event.js';
import { amountSchema } from '../saga/saga-vocabulary.js';
import { CustomerService } from './customer.identity.js';

/** A customer id: server-generated UUIDs, and the readable ids of the seeded demo customers (`cust-vip`). */
export const customerIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_"');

/** The parts a registration is split into, and what else can end one. */
export const RegistrationParts = ['contact', 'account', 'address'] as const;
export type RegistrationPart = (typeof RegistrationParts)[number];

export const registrationFailureCodeSchema = z.enum([
  'EMAIL_IN_USE',
  'CREDIT_LIMIT_ABOVE_CEILING',
  'COUNTRY_UNSUPPORTED',
  'POSTAL_CODE_INVALID',
  'REGISTRATION_DEADLINE_PASSED',
]);
export type RegistrationFailureCode = z.infer<typeof registrationFailureCodeSchema>;

/** Why a registration failed: the part that refused (or `deadline`), a machine-readable code and a sentence. */
export const registrationFailureSchema = z.object({
  part: z.enum([...RegistrationParts, 'deadline']),
  code: registrationFailureCodeSchema,
  detail: z.string(),
});
export type RegistrationFailure = z.infer<typeof registrationFailureSchema>;

/** A registration was accepted and is PENDING: copies learn the id exists before it is ACTIVE or FAILED. */
export const CustomerRegistrationStarted = defineMessage({
  type: 'CustomerRegistrationStarted',
  schemaVersion: 1,
  kind: 'event',
  topic: CustomerService.topics.customerEvents,
  producer: CustomerService.name,
  payload: z.object({
    customerId: customerIdSchema,
    registrationDeadline: z.iso.datetime({ offset: true }),
  }),
});

/** All three parts are done: the customer is ACTIVE, with the credit limit its account holds. */
export const CustomerCreated = defineMessage({
  type: 'CustomerCreated',
  schemaVersion: 1,
  kind: 'event',
  topic: CustomerService.topics.customerEvents,
  producer: CustomerService.name,
  payload: z.object({
    customerId: customerIdSchema,
    name: z.string().min(1),
    email: z.string().min(3),
    phone: z.string().min(1),
    address: shippingAddressSchema,
    creditLimit: amountSchema,
    activatedAt: z.iso.datetime({ offset: true }),
  }),
});

/** A part refused or the deadline passed: the customer is FAILED, and the parts already done are compensated. */
export const CustomerRegistrationFailed = defineMessage({
  type: 'CustomerRegistrationFailed',
  schemaVersion: 1,
  kind: 'event',
  topic: CustomerService.topics.customerEvents,
  producer: CustomerService.name,
  payload: z.object({
    customerId: customerIdSchema,
    reason: registrationFailureSchema,
    failedAt: z.iso.datetime({ offset: true }),
  }),
});

export type CustomerRegistrationStartedPayload = PayloadOf<typeof CustomerRegistrationStarted>;
export type CustomerCreatedPayload = PayloadOf<typeof CustomerCreated>;
export type CustomerRegistrationFailedPayload = PayloadOf<typeof CustomerRegistrationFailed>;
