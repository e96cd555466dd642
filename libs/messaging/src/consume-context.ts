import { Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import { type EventHandler, consumeRecord } from './consume-record.js';
import { type ConsumeOutcome, type IncomingEvent, receiveRecord } from './receive-record.js';
import { recordFromContext } from './record-from-context.js';
import type { RetryPolicy } from './retry-policy.js';

/** What a consumer needs from its service's config (a structural match for @edr/config's ServiceConfig). */
export interface ConsumerSettings {
  readonly serviceName: string;
  readonly consumer: { readonly retry: RetryPolicy };
}

const logger = new Logger('Consumer');

function report(context: KafkaContext, outcome: ConsumeOutcome): ConsumeOutcome {
  if (outcome !== 'processed') {
    logger.warn(
      `${context.getTopic()}[${context.getPartition()}]@${context.getMessage().offset}: ${outcome}`,
    );
  }
  return outcome;
}

/**
 * The body of an `@EventPattern` handler that applies events exactly once: consumeRecord on the record Nest hands
 * over, with the service's consumer group (its name) and retry policy, dead letters sent with Nest's producer.
 */
export async function consumeFromContext(
  context: KafkaContext,
  settings: ConsumerSettings & { readonly dataSource: DataSource },
  handle: EventHandler,
): Promise<ConsumeOutcome> {
  const outcome = await consumeRecord(
    recordFromContext(context),
    {
      dataSource: settings.dataSource,
      producer: context.getProducer(),
      consumerGroup: settings.serviceName,
      retry: settings.consumer.retry,
    },
    handle,
  );
  return report(context, outcome);
}

/** Like consumeFromContext, for handlers that do their own deduplication (see receiveRecord). */
export async function receiveFromContext(
  context: KafkaContext,
  settings: ConsumerSettings,
  handle: (event: IncomingEvent) => Promise<'processed' | 'duplicate'>,
): Promise<ConsumeOutcome> {
  const outcome = await receiveRecord(
    recordFromContext(context),
    { producer: context.getProducer(), consumerGroup: settings.serviceName, retry: settings.consumer.retry },
    handle,
  );
  return report(context, outcome);
}
