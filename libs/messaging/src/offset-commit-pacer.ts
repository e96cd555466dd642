/** The next offset to read on one partition, as a group commits it (last processed offset + 1). */
export interface PartitionCommit {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface OffsetCommitPacerOptions {
  /** Sends one OffsetCommit for these partitions (kafkajs `consumer.commitOffsets`). */
  readonly commit: (offsets: PartitionCommit[]) => Promise<void>;
  /** At most one commit per this many ms; processed offsets are committed at the latest this long after processing. */
  readonly intervalMs: number;
  readonly onError: (error: unknown) => void;
  readonly now?: () => number;
}

/**
 * Commits a consumer's processed offsets at most once per interval instead of after every batch, which is what
 * kafkajs does for `eachBatch` with autoCommit on, whatever its `autoCommitInterval`: at low load a batch is often one
 * record, so every record cost an OffsetCommit round trip and a write to `__consumer_offsets` by the broker's group
 * coordinator.
 *
 * Committing later is safe because every consumer applies a record in one transaction with its inbox row: a record
 * whose offset was not committed yet (crash, or a rebalance that outran the commit) is delivered again and skipped as a
 * duplicate. A commit never fails a batch; it is logged, and the next one carries the same or later offsets.
 */
export class OffsetCommitPacer {
  private readonly pending = new Map<string, PartitionCommit>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private lastCommitAt = Number.NEGATIVE_INFINITY;
  private closing = false;

  constructor(private readonly options: OffsetCommitPacerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** `offset` of `topic`/`partition` is processed and durable. */
  processed(topic: string, partition: number, offset: string): void {
    this.pending.set(`${topic}\u0000${partition}`, {
      topic,
      partition,
      offset: (BigInt(offset) + 1n).toString(),
    });
  }

  /** After a batch: commits now if the interval has passed (or the consumer is closing), else within it. */
  async afterBatch(): Promise<void> {
    if (this.pending.size === 0) return;
    const wait = this.lastCommitAt + this.options.intervalMs - this.now();
    if (this.closing || wait <= 0) return this.flush();
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  /** Commits whatever is processed and not committed yet. */
  async flush(): Promise<void> {
    this.cancelTimer();
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    this.lastCommitAt = this.now();
    try {
      await this.options.commit(offsets);
    } catch (error) {
      this.options.onError(error);
    }
  }

  /** From now on every batch commits at once; commits what is pending. */
  async close(): Promise<void> {
    this.closing = true;
    await this.flush();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
