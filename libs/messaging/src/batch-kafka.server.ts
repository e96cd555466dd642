import { BaseRpcContext, ServerKafka } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import type { RecordBatch } from './record-batch.js';

/** What an `@EventPattern(topic)` handler's context holds under BatchKafkaServer: the batch itself. */
export class KafkaBatchContext extends BaseRpcContext<[RecordBatch]> {
  getBatch(): RecordBatch {
    return this.args[0];
  }
}

/**
 * Nest's Kafka transport, delivering a partition's fetched records as one batch instead of one message at a time,
 * so a consumer can apply many records in one transaction (consumeBatch). Handlers are still declared with
 * `@EventPattern(topic)` and receive the {@link RecordBatch} as their payload. Offsets are not resolved
 * automatically: the handler resolves each offset after its records committed, and a batch that throws is fetched
 * again from the last resolved offset.
 */
export class BatchKafkaServer extends ServerKafka {
  override async bindEvents(consumer: Consumer): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length > 0) await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics });
    await consumer.run({
      ...(this.options.run ?? {}),
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const data: RecordBatch = {
      topic: batch.topic,
      partition: batch.partition,
      records: batch.messages.map((message) => ({
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
      })),
      resolveOffset: (offset) => payload.resolveOffset(offset),
      heartbeat: () => payload.heartbeat(),
      isRunning: () => payload.isRunning(),
      isStale: () => payload.isStale(),
      producer: this.producer!,
    };
    const handler = this.getHandlerByPattern(batch.topic);
    if (!handler) throw new Error(`no @EventPattern handler for ${batch.topic}`);
    // Errors propagate (ServerKafka's propagatesEventHandlerErrors): a batch that throws is fetched again.
    const result: unknown = await handler(data, new KafkaBatchContext([data]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }
}
