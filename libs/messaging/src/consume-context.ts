import { Logger } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import { type EventHandler, consumeRecord } from './consume-record.js';
import type { IncomingEvent } from './incoming-message.js';
import type { ConsumerSettings } from './message-consumer.js';
import { receiveRecord } from './receive-record.js';
import { recordFromContext } from './record-from-context.js';
import type { ConsumeOutcome } from './retry-loop.js';

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
 * consumeRecord on the record Nest hands over, with the service's consumer group (its name) and retry policy, dead
 * letters sent with Nest's producer. Kept for order-service until it uses MessageConsumer; new consumers use that.
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
