import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ContactReleased, type ReleaseContact } from '@edr/contracts';
import type { IncomingMessageOf } from '@edr/messaging';
import { partReply } from '../part-reply.js';
import { insertContact, lockContact, markReleased } from './contact-rows.js';

/** Compensation of CreateContact: the email becomes free again. Idempotent, and it always answers. */
@Injectable()
export class ReleaseContactHandler {
  private readonly logger = new Logger(ReleaseContactHandler.name);

  async handle(command: IncomingMessageOf<typeof ReleaseContact>, tx: EntityManager): Promise<void> {
    const { customerId } = command.payload;
    await this.release(customerId, tx);
    await partReply(tx, command, { definition: ContactReleased, payload: { customerId } });
  }

  private async release(customerId: string, tx: EntityManager): Promise<void> {
    let row = await lockContact(tx, customerId);
    if (row === null) {
      const tombstone = {
        customerId,
        status: 'RELEASED',
        name: null,
        email: null,
        emailNormalised: null,
        phone: null,
        failureCode: null,
        failureDetail: null,
      } as const;
      if (await insertContact(tx, tombstone)) {
        this.logger.warn(`customer ${customerId}: release arrived before any create; tombstone recorded`);
        return;
      }
      // A CreateContact for this customer committed between our read and our insert: release what it holds.
      row = await lockContact(tx, customerId);
      if (row === null)
        throw new Error(`customer ${customerId}: contacts row vanished after an insert conflict`);
    }
    if (row.status === 'HELD') {
      await markReleased(tx, customerId);
      this.logger.log(`customer ${customerId}: contact ${row.email} released`);
    }
  }
}
