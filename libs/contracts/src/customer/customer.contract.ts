import { defineServiceContract } from '../service-contract.js';
import {
  CustomerCreated,
  CustomerRegistrationFailed,
  CustomerRegistrationStarted,
} from './customer.events.js';
import { CustomerService } from './customer.identity.js';
import {
  AccountClosed,
  AccountOpened,
  AddressAccepted,
  CloseAccount,
  ContactCreated,
  ContactReleased,
  CreateAccount,
  CreateAddress,
  CreateContact,
  RegistrationPartRefused,
  ReleaseContact,
} from './registration-parts.messages.js';

/** customer.events (public) and the registration's part commands and outcomes. */
export const CustomerContract = defineServiceContract(CustomerService, [
  CustomerRegistrationStarted,
  CustomerCreated,
  CustomerRegistrationFailed,
  CreateContact,
  ReleaseContact,
  CreateAccount,
  CloseAccount,
  CreateAddress,
  ContactCreated,
  AccountOpened,
  AddressAccepted,
  RegistrationPartRefused,
  ContactReleased,
  AccountClosed,
]);
