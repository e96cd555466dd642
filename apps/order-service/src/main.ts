import { Topics } from '@edr/contracts';
import { bootstrapService } from '@edr/platform';
import { OrderServiceModule } from './app.module.js';
import { orderConfigSchema } from './order.config.js';

await bootstrapService({
  configSchema: orderConfigSchema,
  module: (config) => OrderServiceModule.forRoot(config),
  // Confirmation mails are background work in a group of their own, so they never hold up the saga's replies.
  consumerGroups: () => [{ groupId: 'order-confirmation-worker', topics: [Topics.orderConfirmationTasks] }],
});
