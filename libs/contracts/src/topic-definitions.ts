import { Topics, dlqTopicFor } from './topics.js';

export interface TopicDefinition {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
  readonly config?: Readonly<Record<string, string>>;
}

const stream = (name: string): TopicDefinition => ({ name, partitions: 3 });
const deadLetters = (name: string): TopicDefinition => ({ name: dlqTopicFor(name), partitions: 1 });

/**
 * The topics this system defines, as data: services create the ones they produce or consume at boot (creation is
 * idempotent, so producer and consumer may both do it), and deployment manifests (Strimzi KafkaTopic) are generated
 * from the same list. Partition counts bound consumer parallelism per group; every saga message is keyed by order id,
 * so all messages of one order stay in order on one partition.
 */
export const TopicDefinitions = {
  orderEvents: stream(Topics.orderEvents),
  orderEventsDlq: deadLetters(Topics.orderEvents),
  paymentCommands: stream(Topics.paymentCommands),
  paymentCommandsDlq: deadLetters(Topics.paymentCommands),
  paymentEvents: stream(Topics.paymentEvents),
  paymentEventsDlq: deadLetters(Topics.paymentEvents),
  inventoryCommands: stream(Topics.inventoryCommands),
  inventoryCommandsDlq: deadLetters(Topics.inventoryCommands),
  inventoryEvents: stream(Topics.inventoryEvents),
  inventoryEventsDlq: deadLetters(Topics.inventoryEvents),
  shippingCommands: stream(Topics.shippingCommands),
  shippingCommandsDlq: deadLetters(Topics.shippingCommands),
  shippingEvents: stream(Topics.shippingEvents),
  shippingEventsDlq: deadLetters(Topics.shippingEvents),
} as const satisfies Record<string, TopicDefinition>;
