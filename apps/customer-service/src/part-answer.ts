import type {
  AccountClosed,
  AccountOpened,
  AddressAccepted,
  ContactCreated,
  ContactReleased,
  MessageDefinition,
  PayloadOf,
  RegistrationPartRefused,
} from '@edr/contracts';

type PartOutcomeDefinition =
  | typeof ContactCreated
  | typeof ContactReleased
  | typeof AccountOpened
  | typeof AccountClosed
  | typeof AddressAccepted
  | typeof RegistrationPartRefused;

type AnswerOf<D> = D extends MessageDefinition
  ? { readonly definition: D; readonly payload: PayloadOf<D> }
  : never;

/** What a part answers a command with, decided before it is written: one outcome and its payload. */
export type PartAnswer = AnswerOf<PartOutcomeDefinition>;
