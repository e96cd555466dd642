import { dlqTopicFor } from './topic-names.js';

export interface TopicDefinition {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
  readonly config?: Readonly<Record<string, string>>;
}

/** Each topic of a service under its own key, and its dead-letter topic under `<key>Dlq`. */
export type TopicDefinitionsOf<TTopics extends Readonly<Record<string, string>>> = {
  readonly [K in keyof TTopics & string]: TopicDefinition;
} & { readonly [K in keyof TTopics & string as `${K}Dlq`]: TopicDefinition };

/**
 * Partition counts bound consumer parallelism per group; every saga message is keyed by order id, so all messages of
 * one order stay in order on one partition. A dead-letter topic has one partition: it is read by people and by the
 * redrive tool, in order.
 */
const streamPartitions = 3;
const deadLetterPartitions = 1;

/** The definitions of a service's topics and their dead-letter topics, keyed as in TopicDefinitionsOf. */
export function topicDefinitionsFor<const TTopics extends Readonly<Record<string, string>>>(
  topics: TTopics,
): TopicDefinitionsOf<TTopics> {
  const entries = Object.entries(topics).flatMap(([key, name]) => [
    [key, { name, partitions: streamPartitions }],
    [`${key}Dlq`, { name: dlqTopicFor(name), partitions: deadLetterPartitions }],
  ]);
  // Object.fromEntries loses the key names; the entries above are exactly the keys of TopicDefinitionsOf<TTopics>.
  return Object.fromEntries(entries) as TopicDefinitionsOf<TTopics>;
}
