import { defineService } from '../service-contract.js';
import { topicFor } from '../topic-names.js';

/**
 * order-service, the orchestrator: its order events, and the saga's commands it sends to the participants. Its
 * confirmation tasks go to its own background consumer group (`order-confirmation-worker`).
 */
export const OrderService = defineService({
  name: 'order-service',
  aggregateType: 'order',
  topics: { orderEvents: topicFor('order'), orderConfirmationTasks: 'order.confirmation-tasks' },
  // Six partitions, like every task topic: room for up to six competing confirmation workers.
  partitions: { orderConfirmationTasks: 6 },
});
