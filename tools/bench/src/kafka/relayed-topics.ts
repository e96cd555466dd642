import { MessageCatalog, dlqTopicFor } from '@edr/contracts';

/**
 * The topics Debezium relays outbox rows to, each with the service whose outbox (and so whose connector) writes it:
 * order-service writes order.events and every `<participant>.commands`, a participant its `<name>.events`.
 */
export const relayedTopics: ReadonlyMap<string, string> = (() => {
  const producers = new Map<string, string>();
  for (const definition of MessageCatalog.definitions) {
    const known = producers.get(definition.topic);
    if (known && known !== definition.producer) {
      throw new Error(`${definition.topic} has two producers (${known}, ${definition.producer})`);
    }
    producers.set(definition.topic, definition.producer);
  }
  return producers;
})();

export const relayedTopicNames = [...relayedTopics.keys()];
export const deadLetterTopicNames = relayedTopicNames.map((topic) => dlqTopicFor(topic));
