import { AccountClosed, AccountOpened, RegistrationPartRefused } from '@edr/contracts';
import type { PartAnswer } from '../part-answer.js';
import type { AccountRow } from './account-rows.js';

/** The answer to a CreateAccount, read from the customer's account row: the first delivery's and every repeat's. */
export function recordedOutcome(row: AccountRow): PartAnswer {
  const { customerId } = row;
  switch (row.status) {
    case 'OPEN':
      if (row.creditLimit === null)
        throw new Error(`the open account of customer ${customerId} has no limit`);
      return { definition: AccountOpened, payload: { customerId, creditLimit: row.creditLimit } };
    case 'REFUSED':
      return {
        definition: RegistrationPartRefused,
        payload: {
          customerId,
          part: 'account',
          code: 'CREDIT_LIMIT_ABOVE_CEILING',
          detail: row.failureDetail ?? '',
        },
      };
    case 'CLOSED':
      // Closed after it was opened, or a tombstone the close left before the create arrived.
      return { definition: AccountClosed, payload: { customerId } };
  }
}
