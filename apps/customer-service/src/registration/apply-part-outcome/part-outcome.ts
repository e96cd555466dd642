import type {
  AccountClosed,
  AccountOpened,
  AddressAccepted,
  ContactCreated,
  ContactReleased,
  PayloadOf,
  RegistrationPartRefused,
} from '@edr/contracts';
import type { PartOutcome } from '../registration.state.js';

/** Each outcome message as the machine's input. */
export const PartOutcomes = {
  contactCreated: ({ customerId: _, ...contact }: PayloadOf<typeof ContactCreated>): PartOutcome => ({
    kind: 'done',
    part: 'contact',
    contact,
  }),
  accountOpened: ({ creditLimit }: PayloadOf<typeof AccountOpened>): PartOutcome => ({
    kind: 'done',
    part: 'account',
    account: { creditLimit },
  }),
  addressAccepted: ({ address }: PayloadOf<typeof AddressAccepted>): PartOutcome => ({
    kind: 'done',
    part: 'address',
    address,
  }),
  refused: ({ part, code, detail }: PayloadOf<typeof RegistrationPartRefused>): PartOutcome => ({
    kind: 'refused',
    part,
    code,
    detail,
  }),
  contactReleased: (_: PayloadOf<typeof ContactReleased>): PartOutcome => ({
    kind: 'compensated',
    part: 'contact',
  }),
  accountClosed: (_: PayloadOf<typeof AccountClosed>): PartOutcome => ({
    kind: 'compensated',
    part: 'account',
  }),
};
