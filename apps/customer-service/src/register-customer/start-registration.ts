import type { EntityManager } from 'typeorm';
import {
  AggregateTypes,
  CreateAccount,
  CreateAddress,
  CreateContact,
  CustomerRegistrationStarted,
  CustomerService,
} from '@edr/contracts';
import { buildMessage, writeToOutbox } from '@edr/outbox';
import { RegistrationMachine } from '../registration/registration.machine.js';
import { insertRegistration } from '../registration/registration.repository.js';
import type { RegisterCustomerRequest } from './register-customer.request.js';

export interface RegistrationStart {
  readonly customerId: string;
  readonly request: RegisterCustomerRequest;
  readonly deadlineAt: Date;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly traceparent: string | null;
}

/**
 * Starts a registration in the caller's transaction: the customer's row (PENDING, every part PENDING, the deadline)
 * and, in the outbox, CustomerRegistrationStarted on customer.events and the three parts' commands. Either all of it
 * commits or none of it, so no registration is left without its parts under way. POST /customers and the seed
 * migration both start registrations here, so seeded customers go through the parts' real work too.
 * Returns false, writing nothing, when the customer id is taken.
 */
export async function startRegistration(tx: EntityManager, start: RegistrationStart): Promise<boolean> {
  const { customerId, request, deadlineAt } = start;
  const now = new Date();
  const state = RegistrationMachine.start(customerId, deadlineAt);
  if (!(await insertRegistration(tx, state, { request, correlationId: start.correlationId }, now)))
    return false;
  const envelope = {
    aggregateType: AggregateTypes.customer,
    aggregateId: customerId,
    correlationId: start.correlationId,
    causationId: start.causationId,
    occurredAt: now,
  };
  await writeToOutbox(
    tx,
    [
      buildMessage(CustomerRegistrationStarted, {
        ...envelope,
        payload: { customerId, registrationDeadline: deadlineAt.toISOString() },
      }),
      buildMessage(CreateContact, {
        ...envelope,
        payload: { customerId, name: request.name, email: request.email, phone: request.phone },
      }),
      buildMessage(CreateAccount, {
        ...envelope,
        payload: { customerId, creditLimit: request.creditLimit ?? null },
      }),
      buildMessage(CreateAddress, { ...envelope, payload: { customerId, address: request.address } }),
    ],
    { producer: CustomerService.name, traceparent: start.traceparent },
  );
  return true;
}
