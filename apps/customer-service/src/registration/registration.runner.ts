import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CustomerService } from '@edr/contracts';
import { writeToOutbox } from '@edr/outbox';
import type { RegistrationDecision } from './registration.machine.js';
import { type MessageCause, effectMessages } from './registration-messages.js';
import { RegistrationRepository, saveRegistration } from './registration.repository.js';
import type { RegistrationState } from './registration.state.js';

export type Decide = (state: RegistrationState, now: Date) => RegistrationDecision;

/**
 * Applies one input (a part's outcome, a deadline) to a registration under its row lock: the machine decides, and the
 * new state and the messages it sends are written in the caller's transaction, so both commit or neither does.
 */
@Injectable()
export class RegistrationRunner {
  private readonly logger = new Logger(RegistrationRunner.name);

  constructor(private readonly registrations: RegistrationRepository) {}

  async apply(
    tx: EntityManager,
    customerId: string,
    cause: MessageCause & { readonly traceparent: string | null },
    decide: Decide,
  ): Promise<void> {
    const state = await this.registrations.lock(tx, customerId);
    if (state === null) {
      // Every part command is written with its registration, so this is a message of another database's customer.
      this.logger.warn(`no registration ${customerId}; ignoring what arrived for it`);
      return;
    }
    const now = new Date();
    const decision = decide(state, now);
    if (!decision.changed) return;
    await saveRegistration(tx, decision.state, now);
    await writeToOutbox(tx, effectMessages(customerId, decision.effects, cause), {
      producer: CustomerService.name,
      traceparent: cause.traceparent,
    });
    if (decision.state.status !== state.status) {
      this.logger.log(
        `customer ${customerId}: ${decision.state.status}${decision.state.reason ? ` (${decision.state.reason.code})` : ''}`,
      );
    }
  }
}
