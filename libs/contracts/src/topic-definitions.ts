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

/**
 * Event streams (`<aggregate>.events`) are kept forever: the read side is rebuilt by replaying them from offset 0
 * (docs/patterns/consume-and-project.md), so a view can never be older than what the log still holds. Commands,
 * tasks and dead letters keep the broker's default retention: nothing is rebuilt from them.
 */
const eventStreamConfig: Readonly<Record<string, string>> = { 'retention.ms': '-1', 'retention.bytes': '-1' };
const isEventStream = (topic: string) => topic.endsWith('.events');

/**
 * Partition counts of the topics that need more than the default, by topic key. A task topic is read by competing
 * workers of one group, and a group never has more busy members than the topic has partitions.
 */
export type PartitionCounts<TTopics extends Readonly<Record<string, string>>> = {
  readonly [K in keyof TTopics & string]?: number;
};

/** The definitions of a service's topics and their dead-letter topics, keyed as in TopicDefinitionsOf. */
export function topicDefinitionsFor<const TTopics extends Readonly<Record<string, string>>>(
  topics: TTopics,
  partitions: PartitionCounts<TTopics> = {},
): TopicDefinitionsOf<TTopics> {
  const counts: Readonly<Record<string, number | undefined>> = partitions;
  const entries = Object.entries(topics).flatMap(([key, name]) => [
    [
      key,
      {
        name,
        partitions: counts[key] ?? streamPartitions,
        ...(isEventStream(name) ? { config: eventStreamConfig } : {}),
      },
    ],
    [`${key}Dlq`, { name: dlqTopicFor(name), partitions: deadLetterPartitions }],
  ]);
  // Object.fromEntries loses the key names; the entries above are exactly the keys of TopicDefinitionsOf<TTopics>.
  return Object.fromEntries(entries) as TopicDefinitionsOf<TTopics>;
}
