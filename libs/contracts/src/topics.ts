/**
 * Topic names. Events of an aggregate go to `<aggregateType>.events`; commands for a participant service go to
 * `<service>.commands`. Every message type in the catalog names its topic, and the outbox writes that name into the
 * row's `destination` column, which the Debezium outbox event router uses as the topic. Producers never type a topic.
 */
export const AggregateTypes = {
  order: 'order',
  payment: 'payment',
  inventory: 'inventory',
  shipping: 'shipping',
} as const;

export type AggregateType = (typeof AggregateTypes)[keyof typeof AggregateTypes];

export const topicFor = (aggregateType: AggregateType): `${AggregateType}.events` =>
  `${aggregateType}.events`;

export const commandTopicFor = <T extends 'payment' | 'inventory' | 'shipping'>(
  service: T,
): `${T}.commands` => `${service}.commands`;

export const Topics = {
  orderEvents: topicFor(AggregateTypes.order),
  paymentCommands: commandTopicFor('payment'),
  paymentEvents: topicFor(AggregateTypes.payment),
  inventoryCommands: commandTopicFor('inventory'),
  inventoryEvents: topicFor(AggregateTypes.inventory),
  shippingCommands: commandTopicFor('shipping'),
  shippingEvents: topicFor(AggregateTypes.shipping),
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/** Dead letters of a topic go to `<topic>.dlq`, keeping key and value as they arrived. */
export const dlqTopicFor = (topic: string): string => `${topic}.dlq`;
