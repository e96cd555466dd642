import { defineServiceContract } from '../service-contract.js';
import {
  CustomerCreated,
  CustomerRegistrationFailed,
  CustomerRegistrationStarted,
} from './customer.events.js';
import { CustomerService } from './customer.identity.js';

/** customer.events (public) and the registration's part commands and outcomes. */
export const CustomerContract = defineServiceContract(CustomerService, [
  CustomerRegistrationStarted,
  CustomerCreated,
  CustomerRegistrationFailed,
]);
