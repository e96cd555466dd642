import type { EntityManager } from 'typeorm';
import { AggregateTypes, CustomerService } from '@edr/contracts';
import { type MessageOrigin, replyTo } from '@edr/messaging';
import type { PartAnswer } from './part-answer.js';

/**
 * Writes a part's answer on customer-registration.events through the command's transaction, keyed by the customer
 * id like the command, so the aggregator reads one customer's outcomes in order.
 */
export const partReply = (tx: EntityManager, command: MessageOrigin, answer: PartAnswer): Promise<void> =>
  replyTo(tx, command, {
    definition: answer.definition,
    aggregateType: AggregateTypes.customer,
    producer: CustomerService.name,
    aggregateId: answer.payload.customerId,
    payload: answer.payload,
  });
