import type { Producer } from 'kafkajs';
import type { RawRecord } from './decode-record.js';

/** How a batch consumer reports progress to the transport: an offset counts only once its records are committed. */
export interface BatchProgress {
  /** Marks everything up to and including `offset` as done; the transport commits it to Kafka afterwards. */
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping. */
  isRunning(): boolean;
  /** True once a rebalance took the partition away: the rest of the batch belongs to another member now. */
  isStale(): boolean;
}

/** The records of one partition as one fetch returned them, in offset order, as a consumer's handler receives them. */
export interface RecordBatch extends BatchProgress {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly RawRecord[];
  /** The consumer group that fetched the batch: named in dead letters and in logs. */
  readonly groupId: string;
  /** For dead letters. */
  readonly producer: Producer;
}
