import { defineService } from '../service-contract.js';
import { commandTopicFor, topicFor } from '../topic-names.js';

/**
 * customer-service: registers customers by event aggregation. `customer.events` is its public stream (what other
 * services keep copies from); the three part topics carry the registration's finer commands, one consumer group
 * each, and `customer-registration.events` their outcomes, which the aggregator reads.
 */
export const CustomerService = defineService({
  name: 'customer-service',
  aggregateType: 'customer',
  topics: {
    customerEvents: topicFor('customer'),
    contactCommands: commandTopicFor('customer-contact'),
    accountCommands: commandTopicFor('customer-account'),
    addressCommands: commandTopicFor('customer-address'),
    registrationEvents: topicFor('customer-registration'),
  },
});
