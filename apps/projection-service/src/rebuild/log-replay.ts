import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { RawRecord } from '@edr/messaging';

const keyOf = (topic: string, partition: number) => `${topic}:${partition}`;

export interface PartitionTarget {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to stop before: every record below it is replayed, none at or above it. */
  readonly end: number;
}

/**
 * Reads topics from their first offset in a throwaway consumer group, handing records to `apply` in offset order per
 * partition, and never past a per-partition end that the caller can move forward (`extendTo`). A partition that
 * reaches its end is paused, so nothing beyond it is even fetched; extending the end resumes it exactly where it
 * stopped. The group is deleted on close.
 */
export class LogReplay {
  private readonly consumer: Consumer;
  private readonly groupId = `projection-rebuild-${randomUUID()}`;
  /** Next offset to replay, per partition. */
  private readonly next = new Map<string, number>();
  private readonly ends = new Map<string, number>();
  private readonly paused = new Set<string>();
  private failure: unknown = null;
  replayed = 0;

  constructor(
    kafka: Kafka,
    private readonly admin: Admin,
    private readonly topics: readonly string[],
    private readonly apply: (records: RawRecord[]) => Promise<void>,
  ) {
    this.consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: 30_000,
      // A fetch of paused or caught-up partitions waits this long for data; closing waits for it to return.
      maxWaitTimeInMs: 250,
      maxBytesPerPartition: 4 * 1024 * 1024,
      allowAutoTopicCreation: false,
    });
  }

  /** The log end of every partition now, as targets; also where each partition starts (its first offset). */
  async logEnds(): Promise<PartitionTarget[]> {
    const targets: PartitionTarget[] = [];
    for (const topic of this.topics) {
      for (const p of await this.admin.fetchTopicOffsets(topic)) {
        if (!this.next.has(keyOf(topic, p.partition)))
          this.next.set(keyOf(topic, p.partition), Number(p.low));
        targets.push({ topic, partition: p.partition, end: Number(p.high) });
      }
    }
    return targets;
  }

  async start(targets: readonly PartitionTarget[]): Promise<void> {
    for (const t of targets) this.ends.set(keyOf(t.topic, t.partition), t.end);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        try {
          await this.onBatch(
            batch.topic,
            batch.partition,
            batch.messages,
            Number(batch.lastOffset()),
            resolveOffset,
            heartbeat,
            () => !isRunning() || isStale(),
          );
        } catch (error) {
          this.failure ??= error;
          throw error;
        }
      },
    });
    for (const t of targets) if (this.reached(t)) this.pause(t.topic, t.partition);
  }

  /** Moves the ends forward (never back) and resumes the partitions that have more to read. */
  extendTo(targets: readonly PartitionTarget[]): void {
    for (const t of targets) {
      const key = keyOf(t.topic, t.partition);
      const end = Math.max(this.ends.get(key) ?? 0, t.end);
      this.ends.set(key, end);
      if (this.paused.has(key) && (this.next.get(key) ?? 0) < end) {
        this.paused.delete(key);
        this.consumer.resume([{ topic: t.topic, partitions: [t.partition] }]);
        this.consumer.seek({
          topic: t.topic,
          partition: t.partition,
          offset: String(this.next.get(key) ?? 0),
        });
      }
    }
  }

  /** Where each partition is: the next offset it would replay. */
  position(topic: string, partition: number): number {
    return this.next.get(keyOf(topic, partition)) ?? 0;
  }

  /** Resolves once every target is reached; rejects if the replay failed or `timeoutMs` passed. */
  async reach(targets: readonly PartitionTarget[], timeoutMs: number, onWait?: () => void): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!targets.every((t) => this.reached(t))) {
      if (this.failure) throw this.failure;
      if (Date.now() > deadline) {
        const behind = targets
          .filter((t) => !this.reached(t))
          .map((t) => `${t.topic}[${t.partition}] at ${this.position(t.topic, t.partition)} of ${t.end}`);
        throw new Error(`replay did not reach the log end within ${timeoutMs} ms: ${behind.join(', ')}`);
      }
      onWait?.();
      await sleep(20);
    }
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
    await this.admin.deleteGroups([this.groupId]).catch(() => undefined);
  }

  private reached(t: PartitionTarget): boolean {
    return this.position(t.topic, t.partition) >= t.end;
  }

  private pause(topic: string, partition: number): void {
    this.paused.add(keyOf(topic, partition));
    this.consumer.pause([{ topic, partitions: [partition] }]);
  }

  private async onBatch(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    lastOffset: number,
    resolveOffset: (offset: string) => void,
    heartbeat: () => Promise<void>,
    stopped: () => boolean,
  ): Promise<void> {
    const key = keyOf(topic, partition);
    const end = this.ends.get(key) ?? 0;
    const next = this.next.get(key) ?? 0;
    // Below `next`: a re-fetch of what was replayed already (after a pause or seek); from `end` on: not yet.
    const wanted = messages.filter((m) => Number(m.offset) >= next && Number(m.offset) < end);
    if (wanted.length > 0 && !stopped()) {
      await this.apply(
        wanted.map((m) => ({
          topic,
          partition,
          offset: m.offset,
          key: m.key,
          value: m.value,
          headers: m.headers ?? {},
          timestamp: m.timestamp,
        })),
      );
      const last = wanted[wanted.length - 1]!;
      this.next.set(key, Number(last.offset) + 1);
      this.replayed += wanted.length;
      resolveOffset(last.offset);
      await heartbeat();
    }
    // Offsets without a record (transaction markers, compacted gaps) up to the batch's last offset count as read.
    if (!stopped()) this.next.set(key, Math.max(this.next.get(key) ?? 0, Math.min(end, lastOffset + 1)));
    if ((this.next.get(key) ?? 0) >= end && !this.paused.has(key)) this.pause(topic, partition);
  }
}
