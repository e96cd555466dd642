import {
  AggregateTypes,
  CloseAccount,
  CustomerCreated,
  CustomerRegistrationFailed,
  type EventEnvelope,
  ReleaseContact,
} from '@edr/contracts';
import { buildMessage } from '@edr/outbox';
import type { RegistrationEffect } from './registration.machine.js';

export interface MessageCause {
  readonly correlationId: string;
  /** The message that caused these (a part's outcome), null for a deadline or an HTTP request. */
  readonly causationId: string | null;
}

/** The outbox messages of a decision's effects, keyed by the customer id like everything of the registration. */
export function effectMessages(
  customerId: string,
  effects: readonly RegistrationEffect[],
  cause: MessageCause,
): EventEnvelope[] {
  const envelope = { aggregateType: AggregateTypes.customer, aggregateId: customerId, ...cause };
  return effects.map((effect): EventEnvelope => {
    switch (effect.type) {
      case 'created':
        return buildMessage(CustomerCreated, { ...envelope, payload: effect.payload });
      case 'failed':
        return buildMessage(CustomerRegistrationFailed, { ...envelope, payload: effect.payload });
      case 'compensate':
        return effect.part === 'contact'
          ? buildMessage(ReleaseContact, { ...envelope, payload: { customerId } })
          : buildMessage(CloseAccount, { ...envelope, payload: { customerId } });
    }
  });
}
