import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountClosed, type CloseAccount } from '@edr/contracts';
import type { IncomingMessageOf } from '@edr/messaging';
import { partReply } from '../part-reply.js';
import { insertAccountIfAbsent, lockAccount, markClosed } from './account-rows.js';

/** Compensation of CreateAccount: the account is closed. Idempotent, and it always answers. */
@Injectable()
export class CloseAccountHandler {
  private readonly logger = new Logger(CloseAccountHandler.name);

  async handle(command: IncomingMessageOf<typeof CloseAccount>, tx: EntityManager): Promise<void> {
    const { customerId } = command.payload;
    await this.close(customerId, tx);
    await partReply(tx, command, { definition: AccountClosed, payload: { customerId } });
  }

  private async close(customerId: string, tx: EntityManager): Promise<void> {
    let row = await lockAccount(tx, customerId);
    if (row === null) {
      const tombstone = {
        customerId,
        status: 'CLOSED',
        creditLimit: null,
        failureCode: null,
        failureDetail: null,
      } as const;
      if (await insertAccountIfAbsent(tx, tombstone)) {
        this.logger.warn(`customer ${customerId}: close arrived before any create; tombstone recorded`);
        return;
      }
      // A CreateAccount for this customer committed between our read and our insert: close what it opened.
      row = await lockAccount(tx, customerId);
      if (row === null)
        throw new Error(`customer ${customerId}: account row vanished after an insert conflict`);
    }
    if (row.status === 'OPEN') {
      await markClosed(tx, customerId);
      this.logger.log(`customer ${customerId}: account closed`);
    }
  }
}
