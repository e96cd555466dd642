import type { KafkaContext } from '@nestjs/microservices';
import type { RawRecord } from './decode-record.js';

/** Adapts what Nest's Kafka transport hands a handler to the transport-neutral record the consumer works on. */
export function recordFromContext(context: KafkaContext): RawRecord {
  const message = context.getMessage();
  return {
    topic: context.getTopic(),
    partition: context.getPartition(),
    offset: message.offset,
    key: (message.key as Buffer | string | null) ?? null,
    value: (message.value as Buffer | string | null) ?? null,
    headers: (message.headers ?? {}) as Record<string, unknown>,
  };
}
