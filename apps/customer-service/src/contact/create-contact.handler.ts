import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreateContact, CreateContactPayload } from '@edr/contracts';
import type { IncomingMessageOf } from '@edr/messaging';
import type { PartAnswer } from '../part-answer.js';
import { partReply } from '../part-reply.js';
import { type ContactRow, insertContact, lockContact } from './contact-rows.js';
import { normaliseEmail } from './normalise-email.js';
import { recordedOutcome } from './recorded-outcome.js';

/**
 * Holds the email for the customer, unless another customer's contact holds it (EMAIL_IN_USE). The unique index on
 * held emails decides, so two registrations racing with one email cannot both hold it.
 */
@Injectable()
export class CreateContactHandler {
  private readonly logger = new Logger(CreateContactHandler.name);

  async handle(command: IncomingMessageOf<typeof CreateContact>, tx: EntityManager): Promise<void> {
    await partReply(tx, command, await this.outcome(command.payload, tx));
  }

  private async outcome(command: CreateContactPayload, tx: EntityManager): Promise<PartAnswer> {
    const existing = await lockContact(tx, command.customerId);
    if (existing) return recordedOutcome(existing);
    const email = normaliseEmail(command.email);
    const held: ContactRow = {
      customerId: command.customerId,
      status: 'HELD',
      name: command.name.trim(),
      email,
      phone: command.phone.trim(),
      failureCode: null,
      failureDetail: null,
    };
    if (await insertContact(tx, { ...held, emailNormalised: email })) {
      this.logger.log(`customer ${command.customerId}: contact ${email} held`);
      return recordedOutcome(held);
    }
    // A concurrent delivery for this customer committed first: its row is the answer.
    const winner = await lockContact(tx, command.customerId);
    if (winner) return recordedOutcome(winner);
    const refused: ContactRow = {
      ...held,
      status: 'REFUSED',
      failureCode: 'EMAIL_IN_USE',
      failureDetail: `the email ${email} belongs to another customer (active, or with a registration in progress)`,
    };
    // The refusal is recorded (outside the held-email index) so that a repeat answers the same.
    if (!(await insertContact(tx, { ...refused, emailNormalised: email }))) {
      throw new Error(`customer ${command.customerId}: contacts row conflict on a refusal`);
    }
    this.logger.log(`customer ${command.customerId}: EMAIL_IN_USE (${email})`);
    return recordedOutcome(refused);
  }
}
