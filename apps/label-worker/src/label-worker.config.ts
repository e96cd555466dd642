import type { z } from 'zod';
import { extendServiceConfigSchema } from '@edr/config';
import { faultEnvFields, faultSettingsFromEnv } from '@edr/fault-injection';
import { taskWorkerEnvFields, taskWorkerSettingsFromEnv } from '@edr/tasks';
import { Services, Workers } from '@edr/topology';

const worker = Workers.label;

/**
 * The label worker's settings: the common ones with shipping's database as the default (the worker is part of the
 * shipping context, ADR 0007), its base port, its worker id, and task fault injection. Every instance runs in the
 * one consumer group `label-worker`, which is also the name it reports as.
 */
export const labelWorkerConfigSchema = extendServiceConfigSchema(
  { name: Services[worker.context].name, port: worker.port },
  { ...taskWorkerEnvFields, ...faultEnvFields },
  (env) => ({ tasks: taskWorkerSettingsFromEnv(env), faults: faultSettingsFromEnv(env) }),
).transform((config) => ({
  ...config,
  serviceName: worker.groupId,
  kafka: { ...config.kafka, clientId: worker.groupId },
}));
export type LabelWorkerConfig = z.infer<typeof labelWorkerConfigSchema>;
