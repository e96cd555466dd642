import { defineService } from '../service-contract.js';
import { commandTopicFor, topicFor } from '../topic-names.js';

/** payment-service, a saga participant: the commands it is sent and the events (replies) it writes. */
export const PaymentService = defineService({
  name: 'payment-service',
  aggregateType: 'payment',
  topics: { paymentCommands: commandTopicFor('payment'), paymentEvents: topicFor('payment') },
});
