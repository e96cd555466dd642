/**
 * Every aggregate type publishes to exactly one topic, `<aggregateType>.events`. The Debezium outbox event router
 * derives the same name from the outbox row's `aggregatetype` column (route.topic.replacement = `${routedByValue}.events`),
 * so producers only ever choose an aggregate type, never a topic string.
 */
export const AggregateTypes = {
  order: 'order',
} as const;

export type AggregateType = (typeof AggregateTypes)[keyof typeof AggregateTypes];

export const topicFor = (aggregateType: AggregateType): `${AggregateType}.events` =>
  `${aggregateType}.events`;

export const Topics = {
  orderEvents: topicFor(AggregateTypes.order),
} as const;

/** Dead letters of a topic go to `<topic>.dlq`, keeping key and value as they arrived. */
export const dlqTopicFor = (topic: string): string => `${topic}.dlq`;
