import { defineService } from '../service-contract.js';
import { commandTopicFor, topicFor } from '../topic-names.js';

/**
 * shipping-service, a saga participant: the commands it is sent and the events (replies) it writes, plus the label
 * tasks it hands to its label workers (apps/label-worker, part of the shipping context).
 */
export const ShippingService = defineService({
  name: 'shipping-service',
  aggregateType: 'shipping',
  topics: {
    shippingCommands: commandTopicFor('shipping'),
    shippingEvents: topicFor('shipping'),
    shippingLabelTasks: 'shipping.label-tasks',
    /** Labels rendered: read by the projection (order view, the label SLA rule). */
    shippingLabelEvents: topicFor('shipping-label'),
  },
  // Six partitions: up to six label workers of one group each get a share (docs/patterns/competing-consumers.md).
  partitions: { shippingLabelTasks: 6 },
});
