import { ContactCreated, ContactReleased, RegistrationPartRefused } from '@edr/contracts';
import type { PartAnswer } from '../part-answer.js';
import type { ContactRow } from './contact-rows.js';

/** The answer to a CreateContact, read from the customer's contact row: the first delivery's and every repeat's. */
export function recordedOutcome(row: ContactRow): PartAnswer {
  const { customerId } = row;
  switch (row.status) {
    case 'HELD':
      if (row.name === null || row.email === null || row.phone === null) {
        throw new Error(`the held contact of customer ${customerId} lacks its name, email or phone`);
      }
      return {
        definition: ContactCreated,
        payload: { customerId, name: row.name, email: row.email, phone: row.phone },
      };
    case 'REFUSED':
      return {
        definition: RegistrationPartRefused,
        payload: { customerId, part: 'contact', code: 'EMAIL_IN_USE', detail: row.failureDetail ?? '' },
      };
    case 'RELEASED':
      // Released after it was held, or a tombstone the release left before the create arrived: it holds nothing.
      return { definition: ContactReleased, payload: { customerId } };
  }
}
