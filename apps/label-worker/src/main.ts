import { bootstrapService } from '@edr/platform';
import { LabelWorkerModule } from './app.module.js';
import { labelWorkerConfigSchema } from './label-worker.config.js';

await bootstrapService({
  configSchema: labelWorkerConfigSchema,
  module: (config) => LabelWorkerModule.forRoot(config),
});
