import { bootstrapService } from '@edr/platform';
import { ShippingServiceModule } from './app.module.js';
import { shippingConfigSchema } from './shipping.config.js';

await bootstrapService({
  configSchema: shippingConfigSchema,
  module: (config) => ShippingServiceModule.forRoot(config),
});
