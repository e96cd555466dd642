import type { MessageDefinition } from './message-definition.js';
import { type PartitionCounts, type TopicDefinitionsOf, topicDefinitionsFor } from './topic-definitions.js';

/**
 * Who a service is on the wire: its name (`config.serviceName`, the producer named by its messages), the aggregate
 * type its envelopes carry, and the topics it owns, keyed by the names code imports (`Topics.paymentEvents`).
 */
export interface ServiceIdentity<
  TName extends string = string,
  TAggregate extends string = string,
  TTopics extends Readonly<Record<string, string>> = Readonly<Record<string, string>>,
> {
  readonly name: TName;
  readonly aggregateType: TAggregate;
  readonly topics: TTopics;
  /** Topics that need another partition count than the default (task topics read by competing workers). */
  readonly partitions?: PartitionCounts<TTopics>;
}

/** A service's identity with its topic definitions (each topic and its `<topic>.dlq`) and the messages it defines. */
export interface ServiceContract<
  TName extends string = string,
  TAggregate extends string = string,
  TTopics extends Readonly<Record<string, string>> = Readonly<Record<string, string>>,
> extends ServiceIdentity<TName, TAggregate, TTopics> {
  readonly topicDefinitions: TopicDefinitionsOf<TTopics>;
  /** The messages on this service's topics: its events, and the commands other services send it. */
  readonly messages: readonly MessageDefinition[];
}

export const defineService = <
  const TName extends string,
  const TAggregate extends string,
  const TTopics extends Readonly<Record<string, string>>,
>(
  identity: ServiceIdentity<TName, TAggregate, TTopics>,
): ServiceIdentity<TName, TAggregate, TTopics> => identity;

/** Why `message` does not belong to the contract of `service`, or null when it does. */
function misplaced(service: ServiceIdentity, message: MessageDefinition): string | null {
  const topics: readonly string[] = Object.values(service.topics);
  if (!topics.includes(message.topic)) {
    return `travels on ${message.topic}, which is not one of ${service.name}'s topics (${topics.join(', ')})`;
  }
  if (message.kind === 'event' && message.producer !== service.name) {
    return `is an event on ${service.name}'s topic ${message.topic} but names ${message.producer} as its producer`;
  }
  return null;
}

/**
 * A service's contract: its identity and the messages on its topics. Refuses (at import, so every service and test
 * fails at once) a message on a topic the service does not own, and an event whose producer is another service.
 */
export function defineServiceContract<
  const TName extends string,
  const TAggregate extends string,
  const TTopics extends Readonly<Record<string, string>>,
>(
  service: ServiceIdentity<TName, TAggregate, TTopics>,
  messages: readonly MessageDefinition[],
): ServiceContract<TName, TAggregate, TTopics> {
  for (const message of messages) {
    const problem = misplaced(service, message);
    if (problem) {
      throw new Error(`${message.type} v${message.schemaVersion} in the ${service.name} contract ${problem}`);
    }
  }
  return { ...service, topicDefinitions: topicDefinitionsFor(service.topics, service.partitions), messages };
}
