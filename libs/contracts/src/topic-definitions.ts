import { Topics, dlqTopicFor } from './topics.js';

export interface TopicDefinition {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
  readonly config?: Readonly<Record<string, string>>;
}

/**
 * The topics this system defines, as data: services create the ones they own at boot, and deployment manifests
 * (Strimzi KafkaTopic) are generated from the same list. Partition counts bound consumer parallelism per group.
 */
export const TopicDefinitions = {
  orderEvents: { name: Topics.orderEvents, partitions: 3 },
  orderEventsDlq: { name: dlqTopicFor(Topics.orderEvents), partitions: 1 },
} as const satisfies Record<string, TopicDefinition>;
