/**
 * Topic naming conventions. Events of an aggregate go to `<aggregateType>.events`; commands for a participant service
 * go to `<aggregateType>.commands`; dead letters of any topic go to `<topic>.dlq`. Every message definition names its
 * topic, and the outbox writes that name into the row's `destination` column, which the Debezium outbox event router
 * uses as the topic. Producers never type a topic.
 */
export const topicFor = <const T extends string>(aggregateType: T): `${T}.events` =>
  `${aggregateType}.events`;

export const commandTopicFor = <const T extends string>(aggregateType: T): `${T}.commands` =>
  `${aggregateType}.commands`;

/** Dead letters of a topic go to `<topic>.dlq`, keeping key and value as they arrived. */
export const dlqTopicFor = <const T extends string>(topic: T): `${T}.dlq` => `${topic}.dlq`;
