import { Logger } from '@nestjs/common';
import { BaseRpcContext, ServerKafka } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { GroupMemberships } from './group-memberships.js';
import { type KafkaServerOptions, offsetCommitIntervalMs } from './kafka-server.options.js';
import { OffsetCommitPacer } from './offset-commit-pacer.js';
import type { RecordBatch } from './record-batch.js';

/**
 * Which of the process's `@EventPattern` topics a server subscribes to. Nest hands every handler to every server of
 * the app, so a process with several consumer groups gives each server the topics it owns; `allBut` takes every
 * topic no other group listed.
 */
export type TopicOwnership = { readonly topics: readonly string[] } | { readonly allBut: readonly string[] };

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
 * again from the last resolved offset. Resolved offsets are committed at most once per {@link offsetCommitIntervalMs}
 * ({@link OffsetCommitPacer}; kafkajs' own autoCommit is off).
 */
export class BatchKafkaServer extends ServerKafka {
  private commits: OffsetCommitPacer | null = null;
  /** The batch being handled, which `close` lets finish and commit before the consumer leaves its group. */
  private inFlight: Promise<void> | null = null;
  private subscribed: string[] = [];

  constructor(
    options: KafkaServerOptions,
    private readonly ownership: TopicOwnership = { allBut: [] },
    private readonly memberships: GroupMemberships = new GroupMemberships(),
    private readonly commitIntervalMs = offsetCommitIntervalMs,
  ) {
    super(options);
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    const logger = new Logger(`Offsets ${this.groupId}`);
    this.commits = new OffsetCommitPacer({
      commit: (offsets) => consumer.commitOffsets(offsets),
      intervalMs: this.commitIntervalMs,
      onError: (error) =>
        logger.warn(`offset commit failed (the records will be read again): ${String(error)}`),
    });
    this.reportMembership(consumer);
    const handled = [...this.messageHandlers.keys()];
    const topics = this.subscribedTopics(handled);
    this.subscribed = topics;
    if (topics.length > 0) await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics });
    await consumer.run({
      ...(this.options.run ?? {}),
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.trackBatch(payload),
    });
  }

  /**
   * Stops fetching, lets the running batch finish and commits what it processed while the consumer is still a member
   * of its group (kafkajs drops commits once it is stopping), then disconnects.
   */
  override async close(): Promise<void> {
    const consumer = this.consumer;
    // Throws when the consumer never ran (nothing to pause then).
    if (consumer && this.subscribed.length > 0) {
      try {
        consumer.pause(this.subscribed.map((topic) => ({ topic })));
      } catch {
        /* not running */
      }
    }
    await this.inFlight?.catch(() => undefined);
    await this.commits?.close();
    await super.close();
  }

  private async trackBatch(payload: EachBatchPayload): Promise<void> {
    const handling = this.handleBatch(payload);
    this.inFlight = handling;
    try {
      await handling;
    } finally {
      if (this.inFlight === handling) this.inFlight = null;
    }
    await this.commits?.afterBatch();
  }

  /** Keeps {@link GroupMemberships} up to date with the partitions this member owns. */
  private reportMembership(consumer: Consumer): void {
    const groupId = this.groupId;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      this.memberships.joined(groupId, payload.memberId, payload.memberAssignment),
    );
    consumer.on(consumer.events.REBALANCING, () => {
      this.memberships.left(groupId);
      // As kafkajs' autoCommit does: what this member processed is committed before its partitions move, if the
      // commit still gets in under the old generation (otherwise the next owner reads it again; the inbox skips it).
      void this.commits?.flush();
    });
    consumer.on(consumer.events.STOP, () => this.memberships.left(groupId));
  }

  private subscribedTopics(handled: readonly string[]): string[] {
    const { ownership } = this;
    if ('allBut' in ownership) return handled.filter((topic) => !ownership.allBut.includes(topic));
    const missing = ownership.topics.filter((topic) => !handled.includes(topic));
    if (missing.length > 0) {
      throw new Error(
        `consumer group ${this.groupId} lists ${missing.join(', ')} but no @EventPattern handler takes it: add the handler or remove the topic from the group`,
      );
    }
    return [...ownership.topics];
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    // Nest's exception handler turns whatever a handler throws into an "Internal server error", which kafkajs would
    // retry and, after its retries, answer by restarting the consumer (a leave and a join: another rebalance for the
    // whole group). A heartbeat that fails because the group is rebalancing must reach kafkajs as it is, so that the
    // consumer rejoins at once.
    let heartbeatError: unknown = null;
    const heartbeat = async () => {
      try {
        await payload.heartbeat();
      } catch (error) {
        heartbeatError = error;
        throw error;
      }
    };
    const data: RecordBatch = {
      topic: batch.topic,
      partition: batch.partition,
      groupId: this.groupId,
      records: batch.messages.map((message) => ({
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
        timestamp: message.timestamp,
      })),
      resolveOffset: (offset) => {
        payload.resolveOffset(offset);
        this.commits?.processed(batch.topic, batch.partition, offset);
      },
      heartbeat,
      isRunning: () => payload.isRunning(),
      isStale: () => payload.isStale(),
      producer: this.producer!,
    };
    const handler = this.getHandlerByPattern(batch.topic);
    if (!handler) throw new Error(`no @EventPattern handler for ${batch.topic}`);
    // Errors propagate (ServerKafka's propagatesEventHandlerErrors): a batch that throws is fetched again.
    try {
      const result: unknown = await handler(data, new KafkaBatchContext([data]));
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    } catch (error) {
      throw heartbeatError ?? error;
    }
  }
}
