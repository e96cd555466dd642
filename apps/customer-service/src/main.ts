import { Topics } from '@edr/contracts';
import { bootstrapService } from '@edr/platform';
import { CustomerServiceModule } from './app.module.js';
import { customerConfigSchema } from './customer.config.js';
import { customerProfileGroup } from './profile/projection-events.consumer.js';

/**
 * Each part of a registration has its own consumer group, so it lags, rebalances and scales on its own; the
 * service's own group (`customer-service`) is the aggregator, reading the parts' outcomes. The profile (enriched
 * purchases from projection.events) has its own group too.
 */
await bootstrapService({
  configSchema: customerConfigSchema,
  module: (config) => CustomerServiceModule.forRoot(config),
  consumerGroups: () => [
    { groupId: 'customer-contact', topics: [Topics.contactCommands] },
    { groupId: 'customer-account', topics: [Topics.accountCommands] },
    { groupId: 'customer-address', topics: [Topics.addressCommands] },
    { groupId: customerProfileGroup, topics: [Topics.projectionEvents] },
  ],
});
