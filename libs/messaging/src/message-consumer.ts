import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import { BEFORE_MESSAGE, type BeforeMessageHook } from './before-message.js';
import { type BatchOutcome, consumeBatch } from './consume-batch.js';
import type { HandlerMap } from './handler-map.js';
import type { RecordBatch } from './record-batch.js';
import type { RetryPolicy } from './retry-policy.js';

/** What a consumer needs from its service's config (a structural match for @edr/config's ServiceConfig). */
export interface ConsumerSettings {
  readonly consumer: { readonly retry: RetryPolicy; readonly maxRecordsPerTransaction: number };
}

/**
 * The one way a service consumes: the body of every `@EventPattern` handler is
 * `await this.consumer.consume(batch, this.handlers)`. Settings come from DI: the service's DataSource, its config
 * under SERVICE_CONFIG (retry policy, records per transaction) and the optional
 * BEFORE_MESSAGE hook. Dead letters go out through Nest's producer. Offsets are resolved chunk by chunk, each only
 * after its transaction committed.
 */
@Injectable()
export class MessageConsumer {
  private readonly logger = new Logger('Consumer');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly settings: ConsumerSettings,
    @Optional() @Inject(BEFORE_MESSAGE) private readonly beforeMessage?: BeforeMessageHook,
  ) {}

  async consume(batch: RecordBatch, handlers: HandlerMap): Promise<BatchOutcome> {
    const outcome = await consumeBatch(
      batch.records,
      batch,
      {
        dataSource: this.dataSource,
        producer: batch.producer,
        consumerGroup: batch.groupId,
        retry: this.settings.consumer.retry,
        maxRecordsPerTransaction: this.settings.consumer.maxRecordsPerTransaction,
        beforeMessage: this.beforeMessage,
      },
      handlers,
    );
    if (outcome.duplicate > 0 || outcome['dead-lettered'] > 0) {
      const first = batch.records[0]?.offset;
      this.logger.warn(
        `${batch.groupId} ${batch.topic}[${batch.partition}]@${first}+${batch.records.length}: ${outcome.processed} processed, ${outcome.duplicate} duplicate, ${outcome['dead-lettered']} dead-lettered`,
      );
    }
    return outcome;
  }
}
