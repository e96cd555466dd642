import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { DlqHeaders, MessageHeaders } from '@edr/contracts';
import { sourceTopicOf } from './topics.js';

/** Added to a redriven record: where in the DLQ it came from, `<dlqTopic>[partition]@offset`. */
export const REDRIVEN_FROM_HEADER = 'dlq.redriven.from';
const DLQ_HEADER_PREFIX = 'dlq.';

/** A record of a DLQ with the metadata its dead-letter headers carry. */
export interface DeadLetter {
  readonly dlqTopic: string;
  readonly partition: number;
  readonly offset: string;
  /** Kafka timestamp of the DLQ record, epoch ms. */
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** As consumed: kafkajs delivers null-valued headers as null despite its types. */
  readonly headers: IHeaders;
  readonly failedAt: string | undefined;
  readonly eventType: string | undefined;
  readonly eventId: string | undefined;
  readonly correlationId: string | undefined;
  readonly originalTopic: string | undefined;
  readonly originalPartition: string | undefined;
  readonly originalOffset: string | undefined;
  readonly consumerGroup: string | undefined;
  readonly attempts: string | undefined;
  readonly error: string | undefined;
}

type HeaderValue = IHeaders[string] | null;

/** A header as text (the last value when repeated); undefined when absent or null. */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name] as HeaderValue;
  const value = Array.isArray(raw) ? raw.at(-1) : raw;
  if (value === undefined || value === null) return undefined;
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

export function toDeadLetter(dlqTopic: string, partition: number, message: KafkaMessage): DeadLetter {
  const headers = message.headers ?? {};
  const text = (name: string) => headerText(headers, name);
  return {
    dlqTopic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key,
    value: message.value,
    headers,
    failedAt: text(DlqHeaders.failedAt),
    eventType: text(MessageHeaders.eventType),
    eventId: text(MessageHeaders.eventId),
    correlationId: text(MessageHeaders.correlationId),
    originalTopic: text(DlqHeaders.originalTopic),
    originalPartition: text(DlqHeaders.originalPartition),
    originalOffset: text(DlqHeaders.originalOffset),
    consumerGroup: text(DlqHeaders.consumerGroup),
    attempts: text(DlqHeaders.attempts),
    error: text(DlqHeaders.error),
  };
}

/** `<topic>[partition]@offset`, the notation of the dlq.redriven.from header and the CLI output. */
export const recordPosition = (topic: string, partition: number | string, offset: string): string =>
  `${topic}[${partition}]@${offset}`;

/** Where a dead letter goes back to: its `dlq.original.topic` header, else the DLQ name without `.dlq`. */
export const targetTopicOf = (deadLetter: DeadLetter): string =>
  deadLetter.originalTopic?.trim() || sourceTopicOf(deadLetter.dlqTopic);

/**
 * The original headers for re-publishing: without every `dlq.*` header (they describe the failure, not the message)
 * and without null/undefined values, which kafkajs cannot send; plus where the record came from.
 */
export function redriveHeaders(headers: IHeaders, redrivenFrom: string): IHeaders {
  const kept: IHeaders = {};
  for (const [name, raw] of Object.entries(headers) as [string, HeaderValue][]) {
    if (name.startsWith(DLQ_HEADER_PREFIX) || raw === undefined || raw === null) continue;
    if (Array.isArray(raw)) {
      const values = raw.filter((value) => value !== undefined && value !== null);
      if (values.length > 0) kept[name] = values;
    } else {
      kept[name] = raw;
    }
  }
  kept[REDRIVEN_FROM_HEADER] = redrivenFrom;
  return kept;
}

/** The record to send back: same key and value, cleaned headers, to the original topic. */
export function redriveMessageFor(deadLetter: DeadLetter): {
  readonly topic: string;
  readonly message: Message;
} {
  const from = recordPosition(deadLetter.dlqTopic, deadLetter.partition, deadLetter.offset);
  return {
    topic: targetTopicOf(deadLetter),
    message: {
      key: deadLetter.key,
      value: deadLetter.value,
      headers: redriveHeaders(deadLetter.headers, from),
    },
  };
}

/** Whether the redrive group's committed offset of the partition is past this record. */
export function isRedriven(offset: string, committedOffset: string | undefined): boolean {
  if (committedOffset === undefined || !/^\d+$/.test(committedOffset)) return false;
  return BigInt(offset) < BigInt(committedOffset);
}
