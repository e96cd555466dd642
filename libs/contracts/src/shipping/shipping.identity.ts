import { defineService } from '../service-contract.js';
import { commandTopicFor, topicFor } from '../topic-names.js';

/** shipping-service, a saga participant: the commands it is sent and the events (replies) it writes. */
export const ShippingService = defineService({
  name: 'shipping-service',
  aggregateType: 'shipping',
  topics: { shippingCommands: commandTopicFor('shipping'), shippingEvents: topicFor('shipping') },
});
