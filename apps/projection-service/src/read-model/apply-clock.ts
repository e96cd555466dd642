import { Injectable } from '@nestjs/common';
import type { RecordBatch } from '@edr/messaging';

interface PartitionClock {
  /** Kafka timestamp (ms) of the first record of the batch being applied, until it committed. */
  pendingSince: number | null;
  /** Kafka timestamp (ms) of the last record applied. */
  lastApplied: number | null;
}

const recordTime = (timestamp: string | undefined) => (timestamp === undefined ? null : Number(timestamp));

/**
 * What the live consumer is doing per partition, in time: the age of the oldest record fetched and not yet applied.
 * Offsets say how many records a view is behind; this says for how long (ViewLag).
 */
@Injectable()
export class ApplyClock {
  private readonly partitions = new Map<string, PartitionClock>();

  /** Wraps the application of one batch. */
  async applying<T>(batch: RecordBatch, apply: () => Promise<T>): Promise<T> {
    const key = `${batch.topic}:${batch.partition}`;
    const clock = this.partitions.get(key) ?? { pendingSince: null, lastApplied: null };
    this.partitions.set(key, clock);
    clock.pendingSince = recordTime(batch.records[0]?.timestamp);
    try {
      const result = await apply();
      clock.lastApplied = recordTime(batch.records[batch.records.length - 1]?.timestamp) ?? clock.lastApplied;
      return result;
    } finally {
      clock.pendingSince = null;
    }
  }

  /**
   * Milliseconds the given partition has been behind: from the oldest record still being applied, or, between
   * batches, from the last record applied (at most that long: newer records may have arrived since).
   */
  behindMs(topic: string, partition: number, now = Date.now()): number {
    const clock = this.partitions.get(`${topic}:${partition}`);
    const since = clock?.pendingSince ?? clock?.lastApplied ?? null;
    return since === null ? 0 : Math.max(0, now - since);
  }
}
