import { defineService } from '../service-contract.js';
import { topicFor } from '../topic-names.js';

/** order-service, the orchestrator: its order events, and the saga's commands it sends to the participants. */
export const OrderService = defineService({
  name: 'order-service',
  aggregateType: 'order',
  topics: { orderEvents: topicFor('order') },
});
