import { z } from 'zod';
import { defineMessage, type PayloadOf } from '../message-definition.js';
import { shippingAddressSchema } from '../order/order-placed.event.js';
import { amountSchema } from '../saga/saga-vocabulary.js';
import { customerIdSchema, registrationFailureCodeSchema } from './customer.events.js';
import { CustomerService } from './customer.identity.js';

/**
 * The registration's finer messages, all inside customer-service: the aggregator sends each part its command (one
 * topic and consumer group per part) and the parts answer on customer-registration.events. Every message is keyed by
 * the customer id, so one customer's command and its compensation stay in order on their topic.
 */

/** An address as the client typed it: the address part normalises and checks it (CreateAddress). */
export const requestedAddressSchema = z.object({
  line1: z.string().min(1).max(200),
  city: z.string().min(1).max(100),
  postalCode: z.string().min(1).max(20),
  country: z.string().min(1).max(64),
});
export type RequestedAddress = z.infer<typeof requestedAddressSchema>;

const producer = CustomerService.name;
const partCommand = { schemaVersion: 1, kind: 'command', producer } as const;
const partOutcome = {
  schemaVersion: 1,
  kind: 'event',
  topic: CustomerService.topics.registrationEvents,
  producer,
} as const;
const customerOnly = z.object({ customerId: customerIdSchema });

/** Holds the contact's email for this customer (no other held contact may have it). */
export const CreateContact = defineMessage({
  ...partCommand,
  type: 'CreateContact',
  topic: CustomerService.topics.contactCommands,
  payload: z.object({
    customerId: customerIdSchema,
    name: z.string().min(1),
    email: z.string().min(3),
    phone: z.string().min(1),
  }),
});

/** Compensation of CreateContact: the email becomes free again. Idempotent; may overtake its CreateContact. */
export const ReleaseContact = defineMessage({
  ...partCommand,
  type: 'ReleaseContact',
  topic: CustomerService.topics.contactCommands,
  payload: customerOnly,
});

/** Opens the customer's credit account with its limit (or the default). */
export const CreateAccount = defineMessage({
  ...partCommand,
  type: 'CreateAccount',
  topic: CustomerService.topics.accountCommands,
  payload: z.object({ customerId: customerIdSchema, creditLimit: amountSchema.nullable() }),
});

/** Compensation of CreateAccount: the account is closed. Idempotent; may overtake its CreateAccount. */
export const CloseAccount = defineMessage({
  ...partCommand,
  type: 'CloseAccount',
  topic: CustomerService.topics.accountCommands,
  payload: customerOnly,
});

/** Normalises and checks the customer's address (supported country, postal code format). */
export const CreateAddress = defineMessage({
  ...partCommand,
  type: 'CreateAddress',
  topic: CustomerService.topics.addressCommands,
  payload: z.object({ customerId: customerIdSchema, address: requestedAddressSchema }),
});

/** The contact part is done: the email (normalised) is held for this customer. */
export const ContactCreated = defineMessage({
  ...partOutcome,
  type: 'ContactCreated',
  payload: z.object({
    customerId: customerIdSchema,
    name: z.string().min(1),
    email: z.string().min(3),
    phone: z.string().min(1),
  }),
});

/** The account part is done: the credit account is open with this limit. */
export const AccountOpened = defineMessage({
  ...partOutcome,
  type: 'AccountOpened',
  payload: z.object({ customerId: customerIdSchema, creditLimit: amountSchema }),
});

/** The address part is done: the address, normalised. */
export const AddressAccepted = defineMessage({
  ...partOutcome,
  type: 'AddressAccepted',
  payload: z.object({ customerId: customerIdSchema, address: shippingAddressSchema }),
});

/** A part refused its command; a repeat of the command gets the same refusal. */
export const RegistrationPartRefused = defineMessage({
  ...partOutcome,
  type: 'RegistrationPartRefused',
  payload: z.object({
    customerId: customerIdSchema,
    part: z.enum(['contact', 'account', 'address']),
    code: registrationFailureCodeSchema.exclude(['REGISTRATION_DEADLINE_PASSED']),
    detail: z.string(),
  }),
});

/**
 * Sent for every ReleaseContact, repeats included, and for a CreateContact that finds its contact released already
 * (the release overtook it): the contact holds nothing.
 */
export const ContactReleased = defineMessage({
  ...partOutcome,
  type: 'ContactReleased',
  payload: customerOnly,
});

/** Sent for every CloseAccount, repeats included, and for a CreateAccount that finds its account closed already. */
export const AccountClosed = defineMessage({
  ...partOutcome,
  type: 'AccountClosed',
  payload: customerOnly,
});

export type CreateContactPayload = PayloadOf<typeof CreateContact>;
export type CreateAccountPayload = PayloadOf<typeof CreateAccount>;
export type CreateAddressPayload = PayloadOf<typeof CreateAddress>;
export type ContactCreatedPayload = PayloadOf<typeof ContactCreated>;
export type AccountOpenedPayload = PayloadOf<typeof AccountOpened>;
export type AddressAcceptedPayload = PayloadOf<typeof AddressAccepted>;
export type RegistrationPartRefusedPayload = PayloadOf<typeof RegistrationPartRefused>;
