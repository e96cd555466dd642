import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreateAccount, CreateAccountPayload } from '@edr/contracts';
import { SERVICE_CONFIG } from '@edr/config';
import type { IncomingMessageOf } from '@edr/messaging';
import type { CustomerConfig } from '../customer.config.js';
import type { PartAnswer } from '../part-answer.js';
import { partReply } from '../part-reply.js';
import { type AccountRow, insertAccountIfAbsent, lockAccount } from './account-rows.js';
import { decideAccount } from './credit-limit-rule.js';
import { recordedOutcome } from './recorded-outcome.js';

/** Opens the customer's credit account once (credit-limit-rule.ts); every repeat gets the same answer. */
@Injectable()
export class CreateAccountHandler {
  private readonly logger = new Logger(CreateAccountHandler.name);

  constructor(@Inject(SERVICE_CONFIG) private readonly config: Pick<CustomerConfig, 'account'>) {}

  async handle(command: IncomingMessageOf<typeof CreateAccount>, tx: EntityManager): Promise<void> {
    await partReply(tx, command, await this.outcome(command.payload, tx));
  }

  private async outcome(command: CreateAccountPayload, tx: EntityManager): Promise<PartAnswer> {
    const existing = await lockAccount(tx, command.customerId);
    if (existing) return recordedOutcome(existing);
    const decision = decideAccount(command.creditLimit, this.config.account.creditLimitCeiling);
    const row: AccountRow & { failureCode: string | null } =
      decision.status === 'OPEN'
        ? {
            customerId: command.customerId,
            status: 'OPEN',
            creditLimit: decision.creditLimit,
            failureCode: null,
            failureDetail: null,
          }
        : {
            customerId: command.customerId,
            status: 'REFUSED',
            creditLimit: null,
            failureCode: decision.code,
            failureDetail: decision.detail,
          };
    if (await insertAccountIfAbsent(tx, row)) {
      this.logger.log(
        `customer ${command.customerId}: account ${decision.status} (limit ${decision.creditLimit})`,
      );
      return recordedOutcome(row);
    }
    const winner = await lockAccount(tx, command.customerId);
    if (winner === null)
      throw new Error(`customer ${command.customerId}: account row vanished after an insert conflict`);
    return recordedOutcome(winner);
  }
}
