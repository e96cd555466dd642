/**
 * Kafka header names. `id` and `eventType` are written by the Debezium outbox event router (`id` is its default for
 * the event id column; the others come from `table.fields.additional.placement` in infra/debezium/connectors/*.json).
 */
export const MessageHeaders = {
  eventId: 'id',
  eventType: 'eventType',
  correlationId: 'correlationId',
  causationId: 'causationId',
  traceparent: 'traceparent',
} as const;

/** Headers added to a record when it is moved to a dead-letter topic. */
export const DlqHeaders = {
  error: 'dlq.error',
  originalTopic: 'dlq.original.topic',
  originalPartition: 'dlq.original.partition',
  originalOffset: 'dlq.original.offset',
  consumerGroup: 'dlq.consumer.group',
  failedAt: 'dlq.failed.at',
  /** How many times the handler ran before giving up (1 for records that can never succeed, such as invalid ones). */
  attempts: 'dlq.attempts',
} as const;
