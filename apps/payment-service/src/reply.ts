import { AggregateTypes } from '@edr/contracts';
import { replier } from '@edr/messaging';

/** Writes a reply on payment.events through the command's transaction, keyed by the order id. */
export const reply = replier(AggregateTypes.payment);
