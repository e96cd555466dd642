import { bootstrapService } from '@edr/platform';
import { PaymentServiceModule } from './app.module.js';
import { paymentConfigSchema } from './payment.config.js';

await bootstrapService({
  configSchema: paymentConfigSchema,
  module: (config) => PaymentServiceModule.forRoot(config),
});
