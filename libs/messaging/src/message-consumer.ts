import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import { BEFORE_MESSAGE, type BeforeMessageHook } from './before-message.js';
import { consumeMessage } from './consume-message.js';
import type { HandlerMap } from './handler-map.js';
import { recordFromContext } from './record-from-context.js';
import type { ConsumeOutcome } from './retry-loop.js';
import type { RetryPolicy } from './retry-policy.js';

/** What a consumer needs from its service's config (a structural match for @edr/config's ServiceConfig). */
export interface ConsumerSettings {
  /** Also the consumer group, named in dead letters. */
  readonly serviceName: string;
  readonly consumer: { readonly retry: RetryPolicy };
}

/**
 * The one way a service consumes: the body of every `@EventPattern` handler is
 * `return this.consumer.consume(context, this.handlers)`. Settings come from DI: the service's DataSource, its config
 * under SERVICE_CONFIG (consumer group = service name, retry policy) and the optional BEFORE_MESSAGE hook. Dead
 * letters go out through Nest's producer. The returned promise settles once the record is applied (committed),
 * skipped or parked, so Nest commits its offset only then.
 */
@Injectable()
export class MessageConsumer {
  private readonly logger = new Logger('Consumer');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly settings: ConsumerSettings,
    @Optional() @Inject(BEFORE_MESSAGE) private readonly beforeMessage?: BeforeMessageHook,
  ) {}

  async consume(context: KafkaContext, handlers: HandlerMap): Promise<ConsumeOutcome> {
    const outcome = await consumeMessage(
      recordFromContext(context),
      {
        dataSource: this.dataSource,
        producer: context.getProducer(),
        consumerGroup: this.settings.serviceName,
        retry: this.settings.consumer.retry,
        beforeMessage: this.beforeMessage,
      },
      handlers,
    );
    if (outcome !== 'processed') {
      this.logger.warn(
        `${context.getTopic()}[${context.getPartition()}]@${context.getMessage().offset}: ${outcome}`,
      );
    }
    return outcome;
  }
}
