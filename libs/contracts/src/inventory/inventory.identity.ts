import { defineService } from '../service-contract.js';
import { commandTopicFor, topicFor } from '../topic-names.js';

/** inventory-service, a saga participant: the commands it is sent and the events (replies) it writes. */
export const InventoryService = defineService({
  name: 'inventory-service',
  aggregateType: 'inventory',
  topics: { inventoryCommands: commandTopicFor('inventory'), inventoryEvents: topicFor('inventory') },
});
