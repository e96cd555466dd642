import { dlqTopicFor } from '@edr/contracts';
import { DlqError } from './errors.js';

const DLQ_SUFFIX = '.dlq';

export const isDlqTopic = (topic: string): boolean => topic.endsWith(DLQ_SUFFIX);

/** `payment.commands` and `payment.commands.dlq` both name the DLQ `payment.commands.dlq`. */
export const dlqNameFor = (topic: string): string => (isDlqTopic(topic) ? topic : dlqTopicFor(topic));

/** The topic a DLQ collects for: `payment.commands.dlq` → `payment.commands`. */
export const sourceTopicOf = (dlqTopic: string): string =>
  isDlqTopic(dlqTopic) ? dlqTopic.slice(0, -DLQ_SUFFIX.length) : dlqTopic;

/** The consumer group whose committed offsets record how far a DLQ has been redriven. */
export const redriveGroupFor = (dlqTopic: string): string => `edr-dlq-redrive.${dlqTopic}`;

/** The DLQ that `input` names, checked against the broker's topics; the error lists the DLQs that do exist (pure). */
export function resolveDlqTopic(input: string, existingTopics: readonly string[]): string {
  const dlqTopic = dlqNameFor(input.trim());
  if (existingTopics.includes(dlqTopic)) return dlqTopic;
  const dlqs = existingTopics.filter(isDlqTopic).sort();
  const source = sourceTopicOf(dlqTopic);
  const why = existingTopics.includes(source)
    ? `topic ${source} exists but has no dead-letter topic ${dlqTopic} (nothing was dead-lettered from it yet?)`
    : `no dead-letter topic ${dlqTopic}`;
  throw new DlqError(why, {
    hint:
      dlqs.length > 0
        ? `existing dead-letter topics: ${dlqs.join(', ')}`
        : 'the broker has no *.dlq topics at all; check KAFKA_BROKERS or run npm run infra:status',
  });
}
