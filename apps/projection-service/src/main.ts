import { bootstrapService } from '@edr/platform';
import { ProjectionServiceModule } from './app.module.js';
import { projectionConfigSchema } from './projection.config.js';

await bootstrapService({
  configSchema: projectionConfigSchema,
  module: (config) => ProjectionServiceModule.forRoot(config),
});
