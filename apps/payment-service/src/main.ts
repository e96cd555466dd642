import { Topics } from '@edr/contracts';
import { bootstrapService } from '@edr/platform';
import { PaymentServiceModule } from './app.module.js';
import { customerCopyGroup } from './customer-copy/customer-events.consumer.js';
import { paymentConfigSchema } from './payment.config.js';

await bootstrapService({
  configSchema: paymentConfigSchema,
  module: (config) => PaymentServiceModule.forRoot(config),
  // What payment knows of customers (their registrations, their flags), apart from the saga's commands.
  consumerGroups: () => [
    { groupId: customerCopyGroup, topics: [Topics.customerEvents, Topics.projectionEvents] },
  ],
});
