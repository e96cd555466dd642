import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AddressAccepted, type CreateAddress, RegistrationPartRefused } from '@edr/contracts';
import type { IncomingMessageOf } from '@edr/messaging';
import type { PartAnswer } from '../part-answer.js';
import { partReply } from '../part-reply.js';
import { checkAddress } from './address-check.js';
import { type AddressRow, findAddress, insertAddressIfAbsent } from './address-rows.js';

/**
 * Checks and records the customer's address once (address-check.ts); every repeat gets the same answer. The address
 * holds nothing another customer could want, so it has no compensation.
 */
@Injectable()
export class CreateAddressHandler {
  private readonly logger = new Logger(CreateAddressHandler.name);

  async handle(command: IncomingMessageOf<typeof CreateAddress>, tx: EntityManager): Promise<void> {
    const { customerId, address } = command.payload;
    let row = await findAddress(tx, customerId);
    if (row === null) {
      const check = checkAddress(address);
      const decided: AddressRow = check.ok
        ? { customerId, status: 'ACCEPTED', address: check.address, failureCode: null, failureDetail: null }
        : {
            customerId,
            status: 'REFUSED',
            address: check.address,
            failureCode: check.code,
            failureDetail: check.detail,
          };
      if (await insertAddressIfAbsent(tx, decided)) {
        this.logger.log(
          `customer ${customerId}: address ${decided.status}${decided.failureCode ? ` (${decided.failureCode})` : ''}`,
        );
        row = decided;
      } else {
        row = await findAddress(tx, customerId);
        if (row === null)
          throw new Error(`customer ${customerId}: address row vanished after an insert conflict`);
      }
    }
    await partReply(tx, command, recordedOutcome(row));
  }
}

function recordedOutcome(row: AddressRow): PartAnswer {
  const { customerId } = row;
  if (row.status === 'ACCEPTED')
    return { definition: AddressAccepted, payload: { customerId, address: row.address } };
  if (row.failureCode === null) throw new Error(`the refused address of customer ${customerId} has no code`);
  return {
    definition: RegistrationPartRefused,
    payload: { customerId, part: 'address', code: row.failureCode, detail: row.failureDetail ?? '' },
  };
}
